export { deterministicVector } from "./deterministic-vector";
export { FakeOpenAI, type FakeOpenAIOptions, type OpenAIEmbeddingCall } from "./fake-openai";
export { OPENAI_EMBEDDING_LIMITS, OPENAI_EMBEDDING_MODELS, type OpenAIEmbeddingModel } from "./models";
export { countCl100kTokens } from "./tokens";
