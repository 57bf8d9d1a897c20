import { createEmbeddingCache } from "@repo/console-db";
import { EmbeddingError } from "@repo/console-embed";
import { sha256Hex, type EmbeddingCacheScope } from "@repo/console-types";
import type { ChunkedBatch, ChunkedFile } from "./chunk-batch";
import type { JobContext } from "./context";
import type { SyncDeps } from "./deps";
import { timed } from "./stage-timings";
import { writeSizesOf } from "./write-sizes";

export interface EmbedBatchResult {
  chunksTotal: number;
  /** Distinct texts sent to the provider. */
  embedded: number;
  /** Chunks whose vector came from the cache (or a duplicate text in this batch). */
  reused: number;
  requests: number;
  /** Input tokens the provider reported for this batch's requests. */
  tokens: number;
  failed: Array<{ path: string; error: string; retryable: boolean }>;
  /** False when retrying cannot help (a bad key, a rejected input): the batch fails at once. */
  retryable: boolean;
}

/** The provider's budget would hold the batch back this long: the caller should come back later. */
export interface EmbedDeferred {
  deferMs: number;
}

/** The cache key of a file's i-th chunk: as the CPU worker computed it, else hashed here. */
export function textHashOf(file: ChunkedFile, i: number): string {
  return file.textHashes?.[i] ?? sha256Hex(file.chunks[i]!.text);
}

export function cacheScope(context: JobContext): EmbeddingCacheScope {
  return { provider: context.store.embeddingProvider, model: context.store.embeddingModel, dimensions: context.store.embeddingDimensions };
}

/**
 * Embeds the texts of a batch that the cache does not hold and stores them in the cache, which is
 * how vectors reach the next step (4 MiB step outputs could not carry them). A text the provider
 * would not embed after its retries fails only the files that contain it.
 */
export async function embedBatch(
  deps: SyncDeps,
  context: JobContext,
  batch: ChunkedBatch,
  onVectors?: (vectors: ReadonlyMap<string, number[]>) => void,
  /**
   * When the texts to send would first wait longer than this for the provider's rate-limit
   * budget, return that wait instead of sleeping through it (the caller frees its worker slot).
   */
  options: { deferAboveMs?: number } = {},
): Promise<EmbedBatchResult | EmbedDeferred> {
  const cache = createEmbeddingCache(deps.db);
  const scope = cacheScope(context);
  const hashOf = textHashesOf(batch);
  const cached = await cache.getMany(scope, [...new Set(hashOf.values())]);
  const missing = [...hashOf.entries()].filter(([, hash]) => !cached.has(hash)).map(([text]) => text);
  const chunksTotal = batch.files.reduce((n, f) => n + f.chunks.length, 0);

  const provider = deps.embedder(context.store);
  const failedTexts = new Set<string>();
  let failure = "";
  let retryable = true;
  if (missing.length > 0 && options.deferAboveMs !== undefined) {
    const wait = provider.budgetWaitMs?.(missing) ?? 0;
    if (wait > options.deferAboveMs) return { deferMs: wait };
  }
  if (missing.length > 0) {
    try {
      const vectors = await timed("embed", () => provider.embed(missing, "document"));
      const entries = missing.map((text, i) => ({ textHash: hashOf.get(text)!, vector: vectors[i]! }));
      const { cacheRows } = writeSizesOf(deps.writeSizes);
      for (let i = 0; i < entries.length; i += cacheRows) await cache.putMany(scope, entries.slice(i, i + cacheRows));
      // As the cache will return them (float32), so the index step writes the same values either
      // way. Rounded in place: the provider's arrays are this step's own, and a copy of each (7.2
      // million numbers in a 3,000-file sync) cost ~4x the time and 57 MB of garbage.
      for (const { textHash, vector } of entries) {
        roundToFloat32(vector);
        cached.set(textHash, vector);
      }
    } catch (error) {
      if (!(error instanceof EmbeddingError)) throw error;
      // Keep what did embed, so a retry or the next sync re-sends only the failed texts.
      await cache.putMany(
        scope,
        [...error.embedded].map(([i, vector]) => ({ textHash: hashOf.get(missing[i]!)!, vector })),
      );
      for (const i of error.indexes) failedTexts.add(missing[i]!);
      retryable = error.retryable;
      // The reason and status, not error.message: that quotes the texts, which belong in the index only.
      failure = `${error.reason}${error.status ? ` (HTTP ${error.status})` : ""}${error.attempts ? ` after ${error.attempts} attempts` : ""}`;
    }
  }
  if (failedTexts.size === 0) onVectors?.(cached);
  const failed = batch.files
    .filter((f) => f.chunks.some((c) => failedTexts.has(c.text)))
    .map((f) => ({ path: f.file.path, error: `embedding failed (${scope.provider}/${scope.model}): ${failure}`, retryable }));
  return {
    chunksTotal,
    embedded: missing.length - failedTexts.size,
    reused: chunksTotal - missing.length,
    requests: provider.stats.requests,
    tokens: provider.stats.tokens,
    failed,
    retryable,
  };
}

// The loops over every chunk and every number of a batch live in small functions of their own: as
// loops inside embedBatch they made V8 compile all of embedBatch on the stack (OSR) in every batch
// and throw the code away when the rest of it ran (12 optimizing compiles, ~0.35 s of compiler
// time a 3,000-file sync, --trace-opt --trace-deopt).

/** Each distinct chunk text of the batch with its cache key. */
function textHashesOf(batch: ChunkedBatch): Map<string, string> {
  const hashOf = new Map<string, string>();
  for (const file of batch.files) {
    for (let i = 0; i < file.chunks.length; i++) {
      const text = file.chunks[i]!.text;
      if (!hashOf.has(text)) hashOf.set(text, textHashOf(file, i));
    }
  }
  return hashOf;
}

/** Rounds each value to the nearest float32, in place. */
function roundToFloat32(vector: number[]): void {
  for (let i = 0; i < vector.length; i++) vector[i] = Math.fround(vector[i]!);
}
