// pnpm bench:search — ranking quality of hybrid search on real repositories, and its latency.
// Each repository is an npm package's shipped sources, synced on the embedded default (PGlite,
// local embedder, pgvector); the labelled questions are in queries.ts.
import { loadavg } from "node:os";
import { schema } from "@repo/console-db";
import { createSyncDeps, searchIndex, type SearchMode } from "@repo/console-inngest";
import { createHarness } from "@repo/console-inngest/testing";
import { TestRepo } from "@repo/testing/github";
import { eq } from "drizzle-orm";
import { wholeFileBm25 } from "./bm25";
import { packageFiles } from "./corpus";
import { measureLatency } from "./latency";
import { mean, scoreRanking } from "./metrics";
import { AXIOS, FASTIFY, UNDICI, type LabelledQuery } from "./queries";

const SETS: Array<{ name: string; role: string; queries: LabelledQuery[] }> = [
  { name: "fastify", role: "tuning", queries: FASTIFY },
  { name: "undici", role: "tuning", queries: UNDICI },
  { name: "axios", role: "held out", queries: AXIOS },
];
const MODES: SearchMode[] = ["vector", "lexical", "hybrid"];
const only = process.argv
  .find((a) => a.startsWith("--sets="))
  ?.split("=")[1]
  ?.split(",");
const latencyChunks = Number(process.argv.find((a) => a.startsWith("--latency-chunks="))?.split("=")[1] ?? 100_000);

console.log(
  `search bench — load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (1/5/15 min)`,
);
console.log("targets: hybrid recall@5 ≥ 0.85 and MRR@10 ≥ 0.70 on every set, above whole-file BM25\n");
const chosen = SETS.filter((s) => !only || only.includes(s.name));
for (const set of chosen) {
  const files = packageFiles(set.name);
  const harness = await createHarness({ runtime: { embedding: { provider: "local" }, batchLimits: { maxFiles: 1000, maxBytes: 64 * 1024 * 1024 } } });
  const repo = await TestRepo.create();
  try {
    await repo.writeFiles(files);
    await repo.commit(set.name);
    const started = Date.now();
    const sourceId = await harness.connect({
      provider: "local",
      externalId: repo.dir,
      fullName: set.name,
      name: set.name,
      owner: null,
      location: repo.dir,
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 60,
    });
    const job = await harness.lastJob(sourceId);
    const [chunks] = await harness.database.db.$count(schema.lexicalChunks, eq(schema.lexicalChunks.sourceId, sourceId)).then((n) => [n]);
    console.log(
      `${set.name} (${set.role}): ${job.filesIndexed} files, ${chunks} chunks, synced in ${((Date.now() - started) / 1000).toFixed(1)} s; ${set.queries.length} queries (${set.queries.filter((q) => q.kind === "natural").length} natural language)`,
    );
    const [store] = await harness.database.db.select().from(schema.stores).where(eq(schema.stores.id, harness.storeId));
    const deps = createSyncDeps({ db: harness.database.db, embedding: { provider: "local" } });
    const rankers: Array<[string, (q: string) => Promise<string[]>]> = MODES.map((mode) => [
      mode,
      async (q: string) => (await searchIndex(deps, store!, q, { topK: 10, sourceIds: [sourceId], mode })).map((h) => h.path),
    ]);
    const bm25 = wholeFileBm25(files);
    rankers.push(["bm25 whole-file", async (q) => bm25(q)]);
    for (const [name, rank] of rankers) {
      const scores: Array<{ q: LabelledQuery; recall5: number; mrr10: number; ndcg10: number }> = [];
      for (const q of set.queries) scores.push({ q, ...scoreRanking(await rank(q.query), q.relevant) });
      const line = (label: string, s: typeof scores) =>
        `  ${name.padEnd(16)} ${label.padEnd(11)} recall@5 ${mean(s.map((x) => x.recall5)).toFixed(3)}  MRR@10 ${mean(s.map((x) => x.mrr10)).toFixed(3)}  nDCG@10 ${mean(s.map((x) => x.ndcg10)).toFixed(3)}`;
      console.log(line("all", scores));
      if (process.argv.includes("--by-kind"))
        for (const kind of ["natural", "identifier"])
          console.log(
            line(
              kind,
              scores.filter((s) => s.q.kind === kind),
            ),
          );
      // Per-query ranks on the tuning sets only: a held-out set's failures stay unread.
      if (process.argv.includes("--misses") && name === "hybrid" && set.role === "tuning")
        for (const s of scores.filter((x) => x.mrr10 < 1)) {
          const rankIn = async (r: (q: string) => Promise<string[]>) => {
            const got = await r(s.q.query);
            return s.q.relevant.map((p) => got.indexOf(p) + 1 || "-").join("/");
          };
          const sides = await Promise.all(rankers.map(async ([n, r]) => `${n.split(" ")[0]} ${await rankIn(r)}`));
          console.log(
            `      miss: ${s.q.query} → want ${s.q.relevant.join(", ")} (rank ${sides.join(", ")}); got ${(await rank(s.q.query)).slice(0, 4).join(", ")}`,
          );
        }
    }
    if (set === chosen[0] && latencyChunks > 0) await measureLatency(harness.database.db, deps, store!, sourceId, set.queries, latencyChunks);
    console.log("");
  } finally {
    await harness.close();
    await repo.remove();
  }
}
