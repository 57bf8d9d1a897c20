export { createOpenAIEmbedder, OPENAI_LIMITS, type OpenAIEmbedderOptions } from "./providers/openai";
export { createCohereEmbedder, COHERE_MAX_TEXTS, type CohereEmbedderOptions } from "./providers/cohere";
export { createLocalEmbedder, type LocalEmbedderOptions } from "./local/local-embedder";
export { EmbeddingError, type EmbeddingErrorDetails } from "./errors";
export type { BatchingOptions, MeteredEmbeddingProvider } from "./provider-options";
export type { EmbeddingRequestEvent, EmbeddingStats, OnEmbeddingRequest } from "./stats";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./batching/retry-policy";
export { systemClock, type Clock } from "./batching/clock";
export { ProviderRateLimiter, type RateLimiterOptions } from "./batching/rate-limiter";
