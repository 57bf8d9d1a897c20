export interface OpenAIEmbeddingModel {
  nativeDimensions: number;
  /** ada-002 rejects the `dimensions` parameter; the text-embedding-3 models shorten to it. */
  supportsDimensions: boolean;
}

export const OPENAI_EMBEDDING_MODELS: Record<string, OpenAIEmbeddingModel> = {
  "text-embedding-3-small": { nativeDimensions: 1536, supportsDimensions: true },
  "text-embedding-3-large": { nativeDimensions: 3072, supportsDimensions: true },
  "text-embedding-ada-002": { nativeDimensions: 1536, supportsDimensions: false },
};

/** The documented per-request limits of POST /v1/embeddings. */
export const OPENAI_EMBEDDING_LIMITS = {
  maxInputs: 2048,
  maxTokensPerInput: 8191,
  maxTokensPerRequest: 300_000,
} as const;
