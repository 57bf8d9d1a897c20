import type { ChunkedBatch } from "./chunk-batch";

/**
 * Chunks of the batches this process embedded, kept for the same batch's index step so a job
 * chunks each file once. Chunking is deterministic from the job's staged contents, so a miss
 * (another process ran the embed step, a restart, an eviction) only costs chunking again.
 * Bounded to the batches that can be in flight at once (documents.process concurrency).
 */
const MAX_BATCHES = 4;
const memo = new Map<string, ChunkedBatch>();

export function rememberChunks(batchId: string, batch: ChunkedBatch): void {
  memo.delete(batchId);
  memo.set(batchId, batch);
  while (memo.size > MAX_BATCHES) memo.delete(memo.keys().next().value!);
}

/** The remembered chunks of a batch, forgotten as they are handed out. */
export function takeChunks(batchId: string): ChunkedBatch | undefined {
  const batch = memo.get(batchId);
  memo.delete(batchId);
  return batch;
}
