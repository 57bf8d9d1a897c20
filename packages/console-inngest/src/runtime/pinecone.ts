import { createPineconeClient, createPineconeVectorStore, ensureIndex } from "@repo/console-pinecone";
import type { ManagedVectorStore } from "../sync/deps";
import type { StoreRow } from "@repo/console-db";

export interface PineconeConfig {
  apiKey: string;
  /** Control-plane URL override (the fake in tests); the SDK default otherwise. */
  controllerHostUrl?: string;
  cloud?: "aws" | "gcp" | "azure";
  region?: string;
  /** Readiness polling of a new index (default 2 s). */
  pollIntervalMs?: number;
  /** Longest silence from Pinecone before a request fails (default: the store's, 30 s). */
  timeoutMs?: number;
}

/**
 * One Pinecone index per dimension (`tributary-<dims>`, cosine) and one namespace per store, so
 * stores never mix and a store's vectors can be dropped with its namespace.
 */
export function createPineconeStoreFor(config: PineconeConfig, store: StoreRow): ManagedVectorStore {
  const indexName = store.vectorConfig.indexName ?? `tributary-${store.embeddingDimensions}`;
  const connection = {
    apiKey: config.apiKey,
    ...(config.controllerHostUrl ? { controllerHostUrl: config.controllerHostUrl } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
  };
  const vectors = createPineconeVectorStore({
    ...connection,
    indexName,
    namespace: store.vectorConfig.namespace ?? store.id,
    dimensions: store.embeddingDimensions,
  });
  return Object.assign(vectors, {
    async ensure() {
      await ensureIndex(createPineconeClient(connection), {
        name: indexName,
        dimension: store.embeddingDimensions,
        cloud: config.cloud ?? "aws",
        region: config.region ?? "us-east-1",
        ...(config.pollIntervalMs ? { pollIntervalMs: config.pollIntervalMs } : {}),
      });
    },
  });
}
