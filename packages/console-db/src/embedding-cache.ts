import { and, eq, sql } from "drizzle-orm";
import type { EmbeddingCache, EmbeddingCacheScope } from "@repo/console-types";
import type { Db } from "./db-types";
import { anyOf, insertColumns } from "./insert-columns";
import { embeddingCache } from "./schema";

// Keys per SELECT and rows per INSERT: bounded statements whatever the caller passes.
const READ_BATCH = 1000;
const WRITE_BATCH = 1000;
const CACHE_COLUMNS = { provider: "text", model: "text", dimensions: "integer", text_hash: "text", vector: "bytes" } as const;

/**
 * The embedding cache in the database. Vectors are stored as float32, which is what providers
 * deliver anyway; a cached vector therefore equals the fresh one to ~7 significant digits.
 */
export function createEmbeddingCache(db: Db): EmbeddingCache {
  return {
    async getMany(scope, textHashes) {
      const found = new Map<string, number[]>();
      const unique = [...new Set(textHashes)];
      for (let i = 0; i < unique.length; i += READ_BATCH) {
        const rows = await db
          .select({ textHash: embeddingCache.textHash, vector: embeddingCache.vector })
          .from(embeddingCache)
          .where(and(scopeFilter(scope), anyOf(embeddingCache.textHash, unique.slice(i, i + READ_BATCH))));
        for (const row of rows) {
          const vector = decodeFloat32(row.vector);
          // A row of another length is a corrupt or foreign entry: treat it as a miss, not a hit.
          if (vector.length === scope.dimensions) found.set(row.textHash, vector);
        }
        const hits = rows.map((r) => r.textHash);
        // One statement per read batch keeps the LRU order that cleanup.stale evicts by.
        if (hits.length > 0)
          await db
            .update(embeddingCache)
            .set({ lastUsedAt: sql`now()` })
            .where(and(scopeFilter(scope), anyOf(embeddingCache.textHash, hits)));
      }
      return found;
    },

    async putMany(scope, entries) {
      for (const entry of entries) {
        if (entry.vector.length !== scope.dimensions) {
          throw new Error(`Embedding for ${entry.textHash} has ${entry.vector.length} dimensions, expected ${scope.dimensions} (not retryable)`);
        }
      }
      // Last write per hash wins within a call; across calls the first stored vector stays.
      const unique = [...new Map(entries.map((e) => [e.textHash, e])).values()];
      const scopeColumns = { provider: scope.provider, model: scope.model, dimensions: scope.dimensions };
      for (let i = 0; i < unique.length; i += WRITE_BATCH) {
        const slice = unique.slice(i, i + WRITE_BATCH);
        // Column by column (insertColumns), the vectors as one bytea that each row takes its slice
        // of: drizzle's insert builder spent more time on the values of 18,719 rows (six a row)
        // than the database spent storing them.
        const rows = slice.map((e) => ({ ...scopeColumns, text_hash: e.textHash, vector: encodeFloat32(e.vector) }));
        await db.execute(sql`${insertColumns(embeddingCache, CACHE_COLUMNS, rows)} on conflict do nothing`);
      }
    },
  };
}

function scopeFilter(scope: EmbeddingCacheScope) {
  return and(eq(embeddingCache.provider, scope.provider), eq(embeddingCache.model, scope.model), eq(embeddingCache.dimensions, scope.dimensions));
}

/** Little-endian float32s (the stored form). Plain loops: these run for every vector of a sync, on the thread that writes. */
export function encodeFloat32(vector: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i]!, true);
  return bytes;
}

export function decodeFloat32(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Array<number>(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  return vector;
}
