import { loadavg } from "node:os";
import { queryRows, type schema, vectorTableName, type Db } from "@repo/console-db";
import { searchIndex, type SyncDeps } from "@repo/console-inngest";
import { sql } from "drizzle-orm";
import { percentile } from "./metrics";
import type { LabelledQuery } from "./queries";

type Store = typeof schema.stores.$inferSelect;

/**
 * Grows the index to `target` chunks by copying the synced chunks (vectors and lexical rows)
 * under new ids, then times warm hybrid searches over the whole store.
 */
export async function measureLatency(db: Db, deps: SyncDeps, store: Store, sourceId: string, queries: readonly LabelledQuery[], target: number): Promise<void> {
  const table = sql.identifier(vectorTableName(store.id));
  const n = Number((await queryRows(db, sql`select count(*)::int as n from lexical_chunks`))[0]?.n ?? 0);
  const copies = Math.ceil(target / Math.max(1, n)) - 1;
  const started = Date.now();
  if (copies > 0) {
    // Each copy under its own path prefix (copyN/…), so grouping by file sees distinct files.
    await db.execute(sql`insert into ${table} (id, source_id, embedding, metadata)
      select id || '#copy' || g, source_id, embedding, metadata || jsonb_build_object('path', 'copy' || g || '/' || (metadata->>'path'))
      from ${table}, generate_series(1, ${copies}::int) g`);
    await db.execute(sql`insert into lexical_chunks (vector_id, source_id, path, start_line, end_line, symbols, commit, content, terms)
      select vector_id || '#copy' || g, source_id, 'copy' || g || '/' || path, start_line, end_line, symbols, commit, content, terms
      from lexical_chunks, generate_series(1, ${copies}::int) g`);
  }
  await db.execute(sql`analyze lexical_chunks`);
  await db.execute(sql`analyze ${table}`);
  const total = Number((await queryRows(db, sql`select count(*)::int as total from lexical_chunks`))[0]?.total ?? 0);
  console.log(`  latency: grew the index to ${total} chunks in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const times: number[] = [];
  for (const q of queries) await searchIndex(deps, store, q.query, { topK: 10, sourceIds: [sourceId] }); // warm-up
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const t = performance.now();
      await searchIndex(deps, store, q.query, { topK: 10, sourceIds: [sourceId] });
      times.push(performance.now() - t);
    }
  }
  console.log(`  warm hybrid search at ${total} chunks: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms over ${times.length} queries (target p95 ≤ 150 ms); load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}
