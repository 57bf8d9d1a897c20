// `pnpm --filter @repo/console-db exec tsx src/vector/hnsw-probe.bench.ts [vectors=5000]`: loads
// 384-dimension vectors into an in-memory PGlite store with and without the HNSW index, timing
// the load, an exact/approximate query and the one-pass index build. Justifies ensureHnswIndex.
import { sql } from "drizzle-orm";
import { loadavg } from "node:os";
import type { VectorRecord } from "@repo/console-types";
import { createDb } from "../client/create-db";
import { createPgVectorStore } from "./pgvector-store";

const N = Number(process.argv[2] ?? 5000);
const D = 384;
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
const records: VectorRecord[] = Array.from({ length: N }, (_, i) => ({
  id: `v${i}`,
  values: Array.from({ length: D }, random),
  metadata: { sourceId: "s", documentId: "s:p", path: `p${i}`, startLine: 1, endLine: 2, commit: "c", chunkHash: `h${i}`, snippet: "x".repeat(300) },
}));
console.log(
  `load average before: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")} (shared machine)`,
);
for (const indexFirst of [false, true]) {
  const handle = await createDb({ memory: true });
  const store = createPgVectorStore({ db: handle.db, storeId: `sto_${indexFirst}`, dimensions: D, hnswMinRows: 1 });
  await store.ensure();
  const createIndex = sql.raw(`create index on ${store.table} using hnsw (embedding vector_cosine_ops)`);
  if (indexFirst) await handle.db.execute(createIndex);
  let started = performance.now();
  for (let i = 0; i < N; i += 200) await store.upsert(records.slice(i, i + 200));
  const loadMs = performance.now() - started;
  started = performance.now();
  for (let q = 0; q < 5; q++) await store.query({ vector: records[q * 7]!.values, topK: 10 });
  const queryMs = (performance.now() - started) / 5;
  let buildMs = 0;
  if (!indexFirst) {
    started = performance.now();
    await handle.db.execute(createIndex);
    buildMs = performance.now() - started;
  }
  const label = indexFirst ? "HNSW first, row inserts" : "load, then build HNSW";
  console.log(
    `${label}: ${N} vectors loaded in ${(loadMs / 1000).toFixed(1)} s (${((N / loadMs) * 1000).toFixed(0)}/s), query ${queryMs.toFixed(0)} ms${indexFirst ? "" : ` (exact), index build ${(buildMs / 1000).toFixed(1)} s; total ${((loadMs + buildMs) / 1000).toFixed(1)} s`}`,
  );
  await handle.close();
}
console.log(
  `load average after: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
