// Budget of a full sync on Inngest's terms: steps per run (limit 1,000) and events per file
// (target ≤ 1 per 100 files), and its memory: peak RSS of this process, which holds the
// executor, the functions and PGlite. Drives the real functions on inngest-local with the
// embedded default (PGlite in a data directory, local embedder).
// Usage: pnpm bench:sync [files=10000]
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { TestRepo } from "@repo/testing/github";
import { createHarness } from "../src/testing/harness";

const files = Number(process.argv[2] ?? 10_000);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const repo = await TestRepo.create();
await repo.commitManyFiles(files, {
  under: "src",
  checkout: false,
  content: (i) => `export function handler${i}(input: string): string {\n  return input.repeat(${(i % 7) + 1});\n}\n`,
});
const dataDir = await mkdtemp(join(tmpdir(), "tributary-sync-bench-"));
console.log(`${files} synthetic files (3-line TypeScript functions, committed with git fast-import); data directory ${dataDir}`);
console.log(`load average before: ${load()} (1/5/15 min; the machine may be shared)`);
const h = await createHarness({ dataDir });
const rssBeforeSync = process.memoryUsage().rss;
// The high-water mark so far belongs to start-up (PGlite, migrations), not to the sync.
const peakBeforeSync = process.resourceUsage().maxRSS * 1024;
// Sampled to show when memory grows; the peak itself is the kernel's high-water mark (maxRSS).
const samples: Array<{ s: number; rss: number }> = [];
const started = performance.now();
const sampler = setInterval(() => samples.push({ s: (performance.now() - started) / 1000, rss: process.memoryUsage().rss }), 1000);
const sourceId = await h.connect({
  provider: "local",
  externalId: repo.dir,
  fullName: "bench",
  name: "bench",
  owner: null,
  location: repo.dir,
  branch: "main",
  installationId: null,
  syncIntervalMinutes: 60,
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const job = await h.lastJob(sourceId);
const runs = h.local.runs();

const triggering = new Set(runs.filter((r) => r.event.name !== "inngest/function.invoked").map((r) => r.event.id));
const completionSignals = runs.flatMap((r) => r.steps).filter((s) => s.id.startsWith("signal-completion")).length;
const events = triggering.size + completionSignals;
// A step retried or re-planned is recorded more than once; Inngest's limit counts distinct steps.
const stepCount = (r: (typeof runs)[number]) => new Set(r.steps.map((s) => s.hash)).size;
const busiest = runs.reduce((max, r) => (stepCount(r) > stepCount(max) ? r : max), runs[0]!);
const stepsByFunction = new Map<string, number>();
for (const r of runs) stepsByFunction.set(r.functionId, Math.max(stepsByFunction.get(r.functionId) ?? 0, stepCount(r)));

console.log(`full sync of ${files} files: job ${job.status}, ${job.filesIndexed} indexed, ${job.batchesTotal} batches, ${seconds.toFixed(1)} s`);
console.log(`runs: ${runs.length}; most steps in one run: ${stepCount(busiest)} (${busiest.functionId}); limit 1,000`);
console.log(`max steps per run by function: ${[...stepsByFunction].map(([f, n]) => `${f}=${n}`).join(", ")}`);
console.log(
  `events: ${events} (${triggering.size} that triggered runs + ${completionSignals} completion signals) = ${((events / files) * 100).toFixed(2)} per 100 files; target ≤ 1`,
);
console.log("measured from inngest-local's run records (each run's trigger event and recorded steps)");
console.log(
  `memory: peak RSS ${mib(process.resourceUsage().maxRSS * 1024)} (getrusage maxRSS of this process), ${mib(peakBeforeSync)} of it reached before the sync began; RSS ${mib(rssBeforeSync)} before the sync, ${mib(process.memoryUsage().rss)} after`,
);
const marks = [0.1, 0.25, 0.5, 0.75, 1].map((f) => samples[Math.min(samples.length - 1, Math.floor(f * samples.length))]).filter((x) => x !== undefined);
const highest = samples.reduce((max, x) => (x.rss > max.rss ? x : max), { s: 0, rss: 0 });
console.log(
  `  RSS during the sync (1 s samples): ${marks.map((x) => `${x.s.toFixed(0)} s ${mib(x.rss)}`).join(", ")}; highest sample ${mib(highest.rss)} at ${highest.s.toFixed(0)} s`,
);
console.log(`load average after: ${load()}`);
await h.close();
await repo.remove();
await rm(dataDir, { recursive: true, force: true });
