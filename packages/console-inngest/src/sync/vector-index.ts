import { loadJobContext } from "./context";
import type { SyncDeps } from "./deps";
import { timed } from "./stage-timings";

/**
 * Once a sync's writes are in, lets the store build its search index if it has grown enough
 * (pgvector's HNSW: built in one pass from the loaded rows instead of row by row during the
 * sync; see ensureHnswIndex). Stores without such a step (Pinecone) have nothing to do.
 */
export async function maintainVectorIndex(deps: SyncDeps, jobId: string): Promise<void> {
  const { store } = await loadJobContext(deps.db, jobId);
  const vectors = deps.vectorStore(store);
  if (vectors.maintainIndex) await timed("index-build", () => vectors.maintainIndex!());
}
