import type { StoreSpec } from "../sync/catalog";
import type { EmbeddingConfig } from "./create-deps";

const DEFAULT_MODELS = { openai: "text-embedding-3-small", cohere: "embed-english-v3.0" } as const;
const NATIVE_DIMENSIONS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "embed-english-v3.0": 1024,
  "embed-multilingual-v3.0": 1024,
  "embed-v4.0": 1536,
};
export const LOCAL_MODEL = "tributary-local-v1";
export const LOCAL_DIMENSIONS = 384;

/** The store a configuration implies: one per embedding model, dimension and vector backend. */
export function storeSpecFor(embedding: EmbeddingConfig, vectorBackend: "pgvector" | "pinecone"): StoreSpec {
  const model = embedding.provider === "local" ? LOCAL_MODEL : (embedding.model ?? DEFAULT_MODELS[embedding.provider]);
  const dimensions = embedding.dimensions ?? (embedding.provider === "local" ? LOCAL_DIMENSIONS : NATIVE_DIMENSIONS[model]);
  if (!dimensions) throw new Error(`unknown dimensions for embedding model ${model}; set them explicitly`);
  return {
    name: `${embedding.provider}-${model}-${dimensions}-${vectorBackend}`,
    embeddingProvider: embedding.provider,
    embeddingModel: model,
    embeddingDimensions: dimensions,
    vectorBackend,
    vectorConfig: vectorBackend === "pinecone" ? { indexName: `tributary-${dimensions}` } : {},
    chunking: { maxTokens: 512, overlapTokens: 0 },
  };
}
