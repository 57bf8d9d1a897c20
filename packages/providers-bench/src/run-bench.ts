// pnpm bench:providers [files=10000] — a full GitHub sync through the production path (Octokit,
// OpenAI and Pinecone SDKs over HTTP, the real Inngest functions on inngest-local) against fakes
// that enforce a provider's limits, timed against the least time those limits allow.
import { loadavg } from "node:os";
import { schema } from "@repo/console-db";
import { createTempPostgresDatabase } from "@repo/console-db/testing";
import { stageSpans, stageTimings } from "@repo/console-inngest";
import { expectedVectorIds, filesAt, startProductionFakes } from "@repo/console-inngest/testing";
import { and, eq, sql } from "drizzle-orm";
import { computeBound, type ServiceLimits } from "./bound";
import { corpusRepo } from "./corpus-repo";

const files = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
const flag = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const maxFileBytes = flag("max-bytes", 4096);
const limits: ServiceLimits = {
  tokensPerMinute: flag("tpm", 1_000_000),
  requestsPerMinute: flag("rpm", 3000),
  githubLatencyMs: flag("github-latency", 100),
  // GitHub's secondary limit allows 100 concurrent requests; Pinecone documents none, so the
  // benchmark allows 20 in flight.
  githubConcurrency: 100,
  pineconeLatencyMs: flag("pinecone-latency", 150),
  pineconeConcurrency: 20,
};
const openaiLatencyMs = flag("openai-latency", 300);
const REPO_ID = 1;

const { repo, commit, bytes } = await corpusRepo(files, maxFileBytes);
// Postgres + Pinecone + OpenAI, as production runs: the app database is the local server.
const database = await createTempPostgresDatabase();
const fakes = await startProductionFakes([{ repo, id: REPO_ID, name: "bench" }], "openai+pinecone", {
  quietSdk: true,
  databaseUrl: database.url,
  // Production time: a step.sleep (a batch parked until the provider's budget refills) lasts as
  // long as it says, instead of being skipped whenever the executor is idle.
  clock: "real",
  fakes: {
    openai: { latencyMs: openaiLatencyMs, rateLimit: { limit: limits.requestsPerMinute, windowMs: 60_000 }, tokenLimit: { tokens: limits.tokensPerMinute } },
    pinecone: { latencyMs: limits.pineconeLatencyMs },
    githubLatencyMs: limits.githubLatencyMs,
  },
  // The production retry policy, not the test harness's short one.
  runtime: { embeddingRetry: {} },
});

const loadBefore = loadavg()[0]!;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const sourceId = await fakes.harness.connect({
  provider: "github",
  externalId: String(REPO_ID),
  fullName: "acme/bench",
  owner: "acme",
  name: "bench",
  location: "https://github.com/acme/bench",
  branch: "main",
  installationId: null,
  syncIntervalMinutes: 60,
});
const wallSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const loadAfter = loadavg();

const db = fakes.harness.database.db;
// The job the connect started (a later timer of the real clock may start a follow-up sync, which
// finds nothing to do): its own finish, not the moment the executor went idle, is the sync's end.
const [job] = await db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(schema.syncJobs.createdAt).limit(1);
if (!job) throw new Error("no sync job");
const jobs = await db.select({ id: schema.syncJobs.id }).from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId));
const idleSeconds = wallSeconds;
const startedEpoch = Date.now() - (performance.now() - started);
const jobSeconds = job.finishedAt ? (job.finishedAt.getTime() - startedEpoch) / 1000 : idleSeconds;
const outcomes = await db
  .select({ outcome: schema.documents.outcome, files: sql<number>`count(*)::int` })
  .from(schema.documents)
  .where(eq(schema.documents.sourceId, sourceId))
  .groupBy(schema.documents.outcome);
const skipped = await db
  .select({ path: schema.documents.path })
  .from(schema.documents)
  .where(and(eq(schema.documents.sourceId, sourceId), eq(schema.documents.outcome, "skipped")));
const skippedPaths = new Set(skipped.map((s) => s.path));
const expected = await expectedVectorIds(
  repo.dir,
  commit,
  sourceId,
  filesAt(repo.dir, commit).filter((p) => !skippedPaths.has(p)),
);
const stored = await fakes.vectorIds();
const lost = [...expected].filter((id) => !stored.has(id)).length;
const extra = [...stored].filter((id) => !expected.has(id)).length;

const accepted = fakes.openai.calls;
const upserts = fakes.pinecone.calls.filter((c) => c.operation === "upsert");
const work = {
  embeddingTokens: accepted.reduce((n, c) => n + c.totalTokens, 0),
  embeddingRequests: accepted.length,
  githubRequests: fakes.github.http.requests.length,
  pineconeRequests: fakes.pinecone.data.requests.length,
};
const bound = computeBound(work, limits);
const rejected = fakes.openai.server.count({ pathIncludes: "/v1/embeddings", status: 429 });
const startedAt = Date.now() - (performance.now() - started);
const firstCall = accepted[0]?.receivedAt ?? startedAt;
const lastCall = accepted.at(-1)?.receivedAt ?? startedAt;

const f = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const i = (n: number) => n.toLocaleString("en-US");
console.log(
  `full sync of ${i(files)} files (${f(bytes / 1e6)} MB, real JS/TS ≤ ${i(maxFileBytes)} B from node_modules): job ${job.status}, ${job.filesIndexed} indexed`,
);
console.log(`  outcomes: ${outcomes.map((o) => `${o.outcome} ${i(o.files)}`).join(", ")}`);
console.log(
  `fakes: OpenAI ${openaiLatencyMs} ms/request, ${i(limits.requestsPerMinute)} RPM, ${i(limits.tokensPerMinute)} TPM (fixed 60 s windows, 429 + retry-after, x-ratelimit-* headers); Pinecone ${limits.pineconeLatencyMs} ms/request; GitHub ${limits.githubLatencyMs} ms/request`,
);
console.log(
  `work sent: ${i(work.embeddingTokens)} tokens in ${i(work.embeddingRequests)} accepted embedding requests (${i(rejected)} answered 429; accepted from +${f((firstCall - startedAt) / 1000)} s to +${f((lastCall - startedAt) / 1000)} s); ${i(work.githubRequests)} GitHub requests; ${i(work.pineconeRequests)} Pinecone data requests (${i(upserts.length)} upserts)`,
);
console.log(
  "bound = max(tokens ÷ TPM, accepted requests ÷ RPM, GitHub requests × latency ÷ 100 allowed in flight, Pinecone requests × latency ÷ 20 allowed in flight)",
);
console.log(
  `      = max(${f(bound.parts.tokens)} s, ${f(bound.parts.requests)} s, ${f(bound.parts.github)} s, ${f(bound.parts.pinecone)} s) = ${f(bound.seconds)} s (${bound.limitedBy})`,
);
console.log(
  `wall time: ${f(jobSeconds)} s to the job's finish = ${f(jobSeconds / bound.seconds, 2)} × the bound (target ≤ 1.15); executor idle at ${f(idleSeconds)} s (${jobs.length} job(s)); process CPU ${f((cpu.user + cpu.system) / 1e6)} s`,
);
console.log(
  `busy time per stage (overlapping, summed over concurrent steps): ${stageTimings()
    .map((s) => `${s.stage} ${f(s.ms / 1000)} s`)
    .join(", ")}`,
);
console.log(
  `vectors: ${i(expected.size)} expected (git + chunker at the head), ${i(stored.size)} stored in the Pinecone fake; lost ${i(lost)}, duplicate or unexpected ${i(extra)}`,
);
// Where the time went: when each stage was busy, relative to the start of the sync.
const spans = stageSpans().filter((s) => s.end >= startedAt);
const rel = (t: number) => (t - startedAt) / 1000;
const range = (stage: string) => {
  const of = spans.filter((s) => s.stage === stage);
  return of.length === 0 ? "none" : `+${f(rel(Math.min(...of.map((s) => s.start))))}..+${f(rel(Math.max(...of.map((s) => s.end))))} s (${of.length})`;
};
console.log(
  `timeline: read ${range("read")}; embed steps ${range("embed-step")}; embed calls ${range("embed")}; index steps ${range("index-step")}; manifest ${range("manifest")}`,
);
// The fake's token window rolls at the first request after it expired; replay that over the accepted calls.
const windows: Array<{ start: number; tokens: number; requests: number; last: number }> = [];
for (const call of accepted) {
  const current = windows.at(-1);
  if (!current || call.receivedAt - current.start >= 60_000)
    windows.push({ start: call.receivedAt, tokens: call.totalTokens, requests: 1, last: call.receivedAt });
  else Object.assign(current, { tokens: current.tokens + call.totalTokens, requests: current.requests + 1, last: call.receivedAt });
}
console.log(
  `token windows (from the first accepted request of each): ${windows.map((w) => `+${f(rel(w.start))} s: ${i(w.tokens)} tokens in ${w.requests} requests (last at +${f(rel(w.last))} s)`).join("; ")}`,
);
const bucketMs = 10_000;
const busy = (stage: string, from: number, to: number) =>
  spans.filter((s) => s.stage === stage).reduce((n, s) => n + Math.max(0, Math.min(s.end, to) - Math.max(s.start, from)), 0) / (to - from);
const rows: string[] = [];
for (let t = startedAt; t < startedAt + wallSeconds * 1000; t += bucketMs) {
  const tokens = accepted.filter((c) => c.receivedAt >= t && c.receivedAt < t + bucketMs).reduce((n, c) => n + c.totalTokens, 0);
  rows.push(
    `+${Math.round(rel(t))}: ${Math.round(tokens / 1000)}k tok, embed-steps ${f(busy("embed-step", t, t + bucketMs))}, index-steps ${f(busy("index-step", t, t + bucketMs))}, chunk ${f(busy("chunk", t, t + bucketMs))}`,
  );
}
console.log(`per ${bucketMs / 1000} s (tokens accepted; steps busy on average):\n  ${rows.join("\n  ")}`);
const afterLast = spans.filter((s) => s.stage === "index-step" && s.end > lastCall);
console.log(
  `after the last accepted embedding request: ${afterLast.length} index steps still ran, the last ending at +${f(rel(Math.max(lastCall, ...afterLast.map((s) => s.end))))} s`,
);
console.log(`load (1 min): ${f(loadBefore, 2)} before, ${f(loadAfter[0]!, 2)} after (5 min ${f(loadAfter[1]!, 2)}); 2 cores`);

await fakes.close();
await database.drop();
await repo.remove();
if (lost > 0 || extra > 0 || job.status !== "succeeded") process.exitCode = 1;
