import { sql } from "drizzle-orm";
import type { Db } from "./db-types";
import { queryRows } from "./query-rows";
import { embeddingCache } from "./schema";

/**
 * Keeps the embedding cache within `maxEntries`: the least recently used entries beyond it are
 * deleted (a later miss only costs one embedding again). Returns how many were evicted.
 */
export async function evictEmbeddingCache(db: Db, maxEntries: number): Promise<number> {
  const evicted = await queryRows(
    db,
    sql`delete from ${embeddingCache} where (provider, model, dimensions, text_hash) in (
      select provider, model, dimensions, text_hash from ${embeddingCache}
      order by last_used_at desc, created_at desc offset ${Math.max(0, Math.floor(maxEntries))}
    ) returning text_hash`,
  );
  return evicted.length;
}
