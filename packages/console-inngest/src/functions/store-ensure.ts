import { invoke } from "inngest";
import { z } from "zod";
import type { TributaryInngest } from "../client";
import { loadStore } from "../sync/catalog";
import type { SyncDeps } from "../sync/deps";
import { toInngestError } from "../sync/errors";

// store.ensure — invoked on connect: makes sure the store's vector index or table exists.
//   1. ensure-vector-store: pgvector table + HNSW index, or Pinecone index (created and awaited)
export function createStoreEnsure(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "store-ensure",
      name: "store.ensure",
      triggers: [invoke(z.object({ storeId: z.string() }))],
      // Creating an index is idempotent and safe concurrently; one at a time per store avoids races anyway.
      concurrency: [{ key: "event.data.storeId", limit: 1 }],
      retries: 5,
    },
    async ({ event, step }) =>
      step.run("ensure-vector-store", async () => {
        const store = await loadStore(deps.db, event.data.storeId);
        try {
          await deps.vectorStore(store).ensure();
        } catch (error) {
          // e.g. Postgres without pgvector, or a Pinecone index of another dimension: say so at once.
          throw toInngestError(error);
        }
        return { storeId: store.id, backend: store.vectorBackend, dimensions: store.embeddingDimensions };
      }),
  );
}
