import { createPgVectorStore, type StoreRow } from "@repo/console-db";
import { createLocalEmbedder } from "@repo/console-embed/local";
import type { MeteredEmbeddingProvider } from "@repo/console-embed";
import type { SyncDeps } from "../sync/deps";
import type { RuntimeConfig } from "./create-deps";
import { lazyVectorStore } from "./lazy-vector-store";

/** What a search reaches outside itself: the database, the query's embedder and the vector store. */
export type SearchDeps = Pick<SyncDeps, "db" | "embedder" | "vectorStore">;

/**
 * The search side of createSyncDeps, loading nothing it does not use: the embedded default
 * (local embedder, pgvector) is built directly, and only a store on OpenAI, Cohere or Pinecone
 * loads createSyncDeps — with the SDKs, git and item sources it imports — at its first call.
 */
export function createSearchDeps(config: RuntimeConfig): SearchDeps {
  let full: Promise<SyncDeps> | undefined;
  const syncDeps = () => (full ??= import("./create-deps").then((m) => m.createSyncDeps(config)));
  return {
    db: config.db,
    vectorStore: (store) =>
      store.vectorBackend === "pgvector"
        ? createPgVectorStore({
            db: config.db,
            storeId: store.id,
            dimensions: store.embeddingDimensions,
            ...(store.vectorConfig.table ? { table: store.vectorConfig.table } : {}),
          })
        : lazyVectorStore(store.embeddingDimensions, async () => (await syncDeps()).vectorStore(store)),
    embedder: (store) =>
      store.embeddingProvider === "local" && config.embedding.provider === "local"
        ? createLocalEmbedder({ dimensions: store.embeddingDimensions })
        : deferredEmbedder(store, async () => (await syncDeps()).embedder(store)),
  };
}

function deferredEmbedder(store: StoreRow, load: () => Promise<MeteredEmbeddingProvider>): MeteredEmbeddingProvider {
  let loaded: MeteredEmbeddingProvider | undefined;
  const idle = { requests: 0, retries: 0, failedRequests: 0, texts: 0, tokens: 0 };
  return {
    id: store.embeddingProvider,
    model: store.embeddingModel,
    dimensions: store.embeddingDimensions,
    get stats() {
      return loaded?.stats ?? idle;
    },
    embed: async (texts, kind) => (loaded ??= await load()).embed(texts, kind),
  };
}
