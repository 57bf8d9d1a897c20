// Measures the pgvector store and embedding cache on in-memory PGlite: `pnpm bench` in this package.
import { performance } from "node:perf_hooks";
import { makeRecord } from "@repo/testing/contracts";
import { createDb, createEmbeddingCache, createPgVectorStore, migrate } from "../src";

const COUNT = Number(process.argv[2] ?? 5000);
const DIMS = Number(process.argv[3] ?? 384);

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
const vector = () => Array.from({ length: DIMS }, random);

const handle = await createDb({ memory: true });
await migrate(handle.db);
const store = createPgVectorStore({ db: handle.db, storeId: "sto_bench", dimensions: DIMS });
await store.ensure();
const records = Array.from({ length: COUNT }, (_, n) => ({ ...makeRecord(`src${n % 4}`, `f${n}.ts`, n, DIMS), values: vector() }));

const time = async (label: string, run: () => Promise<unknown>, per: number) => {
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  console.log(`${label}: ${ms.toFixed(0)} ms (${((per / ms) * 1000).toFixed(0)}/s)`);
};

await time(`upsert ${COUNT} × ${DIMS}d (HNSW maintained)`, () => store.upsert(records), COUNT);
const queries = Array.from({ length: 200 }, vector);
await time(
  "200 queries top-10",
  async () => {
    for (const q of queries) await store.query({ vector: q, topK: 10 });
  },
  200,
);
await time(
  "200 queries top-10 filtered by one source",
  async () => {
    for (const q of queries) await store.query({ vector: q, topK: 10, filter: { sourceId: "src1" } });
  },
  200,
);
await time("listIds by source prefix", () => store.listIds("src2:"), 1);

const cache = createEmbeddingCache(handle.db);
const scope = { provider: "local", model: "bench", dimensions: DIMS };
const entries = records.map((r, i) => ({ textHash: `h${i}`, vector: r.values }));
await time(`cache putMany ${COUNT}`, () => cache.putMany(scope, entries), COUNT);
await time(
  `cache getMany ${COUNT}`,
  () =>
    cache.getMany(
      scope,
      entries.map((e) => e.textHash),
    ),
  COUNT,
);
await handle.close();
