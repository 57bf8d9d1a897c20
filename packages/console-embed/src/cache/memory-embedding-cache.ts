import type { EmbeddingCache, EmbeddingCacheScope } from "@repo/console-types";

/** An EmbeddingCache in a Map, for tests and one-off runs; the database one lives in console-db. */
export class MemoryEmbeddingCache implements EmbeddingCache {
  private readonly entries = new Map<string, number[]>();

  async getMany(scope: EmbeddingCacheScope, textHashes: readonly string[]): Promise<Map<string, number[]>> {
    const found = new Map<string, number[]>();
    for (const hash of textHashes) {
      const vector = this.entries.get(key(scope, hash));
      if (vector) found.set(hash, vector);
    }
    return found;
  }

  async putMany(scope: EmbeddingCacheScope, entries: ReadonlyArray<{ textHash: string; vector: number[] }>): Promise<void> {
    for (const entry of entries) this.entries.set(key(scope, entry.textHash), entry.vector);
  }

  get size(): number {
    return this.entries.size;
  }
}

function key(scope: EmbeddingCacheScope, textHash: string): string {
  return `${scope.provider}\u0000${scope.model}\u0000${scope.dimensions}\u0000${textHash}`;
}
