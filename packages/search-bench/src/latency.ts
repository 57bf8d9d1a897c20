import { loadavg } from "node:os";
import { queryRows, type schema, searchLexical, vectorTableName, type Db } from "@repo/console-db";
import { searchIndex, type SyncDeps } from "@repo/console-inngest";
import { parseQuery } from "@repo/console-inngest/search";
import { sql } from "drizzle-orm";
import { percentile } from "./metrics";
import type { LabelledQuery } from "./queries";

type Store = typeof schema.stores.$inferSelect;
const ROUNDS = 3;

/**
 * Grows the index to `target` chunks by copying the synced chunks (vectors and lexical rows)
 * under new ids, lets the vector store maintain its index as a sync ending at that size would
 * (pgvector builds HNSW past its threshold), then times warm searches over the whole store:
 * hybrid end to end, and each side alone.
 */
export async function measureLatency(db: Db, deps: SyncDeps, store: Store, sourceId: string, queries: readonly LabelledQuery[], target: number): Promise<void> {
  const table = sql.identifier(vectorTableName(store.id));
  const n = Number((await queryRows(db, sql`select count(*)::int as n from lexical_chunks`))[0]?.n ?? 0);
  const copies = Math.ceil(target / Math.max(1, n)) - 1;
  let started = Date.now();
  if (copies > 0) {
    // Each copy under its own path prefix (copyN/…), so grouping by file sees distinct files.
    await db.execute(sql`insert into ${table} (id, source_id, embedding, metadata)
      select id || '#copy' || g, source_id, embedding, metadata || jsonb_build_object('path', 'copy' || g || '/' || (metadata->>'path'))
      from ${table}, generate_series(1, ${copies}::int) g`);
    await db.execute(sql`insert into lexical_chunks (vector_id, source_id, path, start_line, end_line, symbols, commit, content, terms)
      select vector_id || '#copy' || g, source_id, 'copy' || g || '/' || path, start_line, end_line, symbols, commit, content, terms
      from lexical_chunks, generate_series(1, ${copies}::int) g`);
    // Every row now has `copies` more twins: so has every term (what the lexical writes would count).
    await db.execute(sql`update lexical_terms set chunks = chunks * ${copies + 1}::int`);
  }
  await db.execute(sql`analyze lexical_chunks`);
  await db.execute(sql`analyze ${table}`);
  const total = Number((await queryRows(db, sql`select count(*)::int as total from lexical_chunks`))[0]?.total ?? 0);
  console.log(`  latency: grew the index to ${total} chunks in ${seconds(started)} s`);
  started = Date.now();
  const indexed = (await deps.vectorStore(store).maintainIndex?.()) ?? false;
  console.log(
    `  latency: the vector store's index maintenance (what a sync ends with) took ${seconds(started)} s; ${indexed ? "HNSW index in place" : "no ANN index (exact scan)"}`,
  );

  const vectors = deps.vectorStore(store);
  const embedder = deps.embedder(store);
  const sides: Array<[string, (q: string) => Promise<unknown>]> = [
    ["hybrid search", (q) => searchIndex(deps, store, q, { topK: 10, sourceIds: [sourceId] })],
    ["lexical side", (q) => searchLexical(db, { words: parseQuery(q).words, limit: 100, sourceIds: [sourceId] })],
    [
      "vector side",
      async (q) => {
        const [vector] = await embedder.embed([q], "query");
        return vectors.query({ vector: vector!, topK: 100, filter: { sourceId: [sourceId] } });
      },
    ],
  ];
  // Partial identifiers (the identifier queries' first names cut to three fifths, e.g.
  // `addContentT`): what the trigram lookup of the vocabulary serves.
  const partials = queries
    .filter((q) => q.kind === "identifier")
    .map((q) => q.query.split(" ")[0]!)
    .map((name) => name.slice(0, Math.max(4, Math.ceil(name.length * 0.6))));
  sides.push(["hybrid partial", (q) => searchIndex(deps, store, q, { topK: 10, sourceIds: [sourceId] })]);
  for (const [label, run] of sides) {
    const texts = label === "hybrid partial" ? partials : queries.map((q) => q.query);
    for (const q of texts) await run(q); // warm-up
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of texts) {
        const t = performance.now();
        await run(q);
        times.push(performance.now() - t);
      }
    }
    console.log(
      `  warm ${label} at ${total} chunks: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms over ${times.length} queries${label.startsWith("hybrid") ? " (target p95 ≤ 150 ms)" : ""}; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  }
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(0);
}
