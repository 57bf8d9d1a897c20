import type { ChunkedBatch } from "./chunk-batch";

/**
 * Chunks (and, once embedded, vectors by text hash) of the batches this process embedded, kept
 * for the same batch's index step: a job chunks each file once and reads its vectors back from
 * the embedding cache only when the memo missed. Both are deterministic from the job's staged
 * contents and the cache, so a miss (another process ran the embed step, a restart, an eviction)
 * only costs that work again. Bounded to the batches that can be in flight at once
 * (documents.process concurrency) and those parked while the provider's budget refills.
 */
const MAX_BATCHES = 16;

export interface BatchMemo {
  chunked: ChunkedBatch;
  vectors?: ReadonlyMap<string, number[]>;
}

const memo = new Map<string, BatchMemo>();

export function rememberChunks(batchId: string, chunked: ChunkedBatch): void {
  memo.delete(batchId);
  memo.set(batchId, { chunked });
  while (memo.size > MAX_BATCHES) memo.delete(memo.keys().next().value!);
}

/** The chunks remembered of a batch, left in place (a deferred embed step finds them again). */
export function rememberedChunks(batchId: string): ChunkedBatch | undefined {
  return memo.get(batchId)?.chunked;
}

/** Adds the vectors the embed step ended with (cached and fresh) to a remembered batch. */
export function rememberVectors(batchId: string, vectors: ReadonlyMap<string, number[]>): void {
  const entry = memo.get(batchId);
  if (entry) entry.vectors = vectors;
}

/** What is remembered of a batch, forgotten as it is handed out. */
export function takeBatchMemo(batchId: string): BatchMemo | undefined {
  const entry = memo.get(batchId);
  memo.delete(batchId);
  return entry;
}
