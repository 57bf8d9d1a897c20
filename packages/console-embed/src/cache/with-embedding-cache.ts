import { sha256Hex, type EmbeddingCache, type EmbeddingKind, type EmbeddingProvider } from "@repo/console-types";
import { EmbeddingError } from "../errors";

export interface EmbeddingCacheStats {
  /** Texts answered from the cache (duplicates within one call count once). */
  hits: number;
  /** Distinct texts sent to the provider. */
  misses: number;
}

export interface CachedEmbeddingProvider extends EmbeddingProvider {
  readonly stats: Readonly<EmbeddingCacheStats>;
  readonly inner: EmbeddingProvider;
}

/**
 * Serves document embeddings from `cache`, keyed by (provider id, model, dimensions, sha256(text)),
 * and embeds each distinct missing text once. Queries bypass the cache: Cohere embeds a query
 * differently from the same text as a document, and a query is rarely repeated.
 * If the provider fails part-way, the vectors it did return are still cached before rethrowing.
 */
export function withEmbeddingCache(provider: EmbeddingProvider, cache: EmbeddingCache): CachedEmbeddingProvider {
  const scope = { provider: provider.id, model: provider.model, dimensions: provider.dimensions };
  const stats: EmbeddingCacheStats = { hits: 0, misses: 0 };

  return {
    id: provider.id,
    model: provider.model,
    dimensions: provider.dimensions,
    stats,
    inner: provider,
    async embed(texts: readonly string[], kind: EmbeddingKind): Promise<number[][]> {
      if (kind === "query") return provider.embed(texts, kind);
      const hashes = texts.map((text) => sha256Hex(text));
      const distinct = [...new Set(hashes)];
      const cached = await cache.getMany(scope, distinct);
      const missing = distinct.filter((hash) => !cached.has(hash));
      stats.hits += distinct.length - missing.length;
      stats.misses += missing.length;
      if (missing.length > 0) {
        const missingTexts = missing.map((hash) => texts[hashes.indexOf(hash)]!);
        const vectors = await embedMissing(provider, missingTexts, texts, hashes, missing, cache, scope);
        missing.forEach((hash, i) => cached.set(hash, vectors[i]!));
      }
      return hashes.map((hash) => cached.get(hash)!);
    },
  };
}

async function embedMissing(
  provider: EmbeddingProvider,
  missingTexts: string[],
  callerTexts: readonly string[],
  callerHashes: string[],
  missing: string[],
  cache: EmbeddingCache,
  scope: { provider: string; model: string; dimensions: number },
): Promise<number[][]> {
  try {
    const vectors = await provider.embed(missingTexts, "document");
    await cache.putMany(scope, missing.map((textHash, i) => ({ textHash, vector: vectors[i]! })));
    return vectors;
  } catch (error) {
    if (!(error instanceof EmbeddingError)) throw error;
    const saved = [...error.embedded].map(([index, vector]) => ({ textHash: missing[index]!, vector }));
    if (saved.length > 0) await cache.putMany(scope, saved);
    // Name the caller's positions, every duplicate of a failed text included.
    const positionsByHash = new Map<string, number[]>();
    callerHashes.forEach((hash, i) => {
      const positions = positionsByHash.get(hash);
      if (positions) positions.push(i);
      else positionsByHash.set(hash, [i]);
    });
    throw error.remap((index) => positionsByHash.get(missing[index]!) ?? [], callerTexts);
  }
}
