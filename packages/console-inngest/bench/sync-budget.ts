// Budget of a full sync on Inngest's terms: steps per run (limit 1,000) and events per file
// (target ≤ 1 per 100 files). Drives the real functions on inngest-local with the embedded default.
// Usage: pnpm bench:sync [files=10000]
import { TestRepo } from "@repo/testing/github";
import { createHarness } from "../src/testing/harness";

const files = Number(process.argv[2] ?? 10_000);
const repo = await TestRepo.create();
await repo.commitManyFiles(files, { under: "src", content: (i) => `export function handler${i}(input: string): string {\n  return input.repeat(${(i % 7) + 1});\n}\n` });
const h = await createHarness();
const started = performance.now();
const sourceId = await h.connect({ provider: "local", externalId: repo.dir, fullName: "bench", name: "bench", owner: null, location: repo.dir, branch: "main", installationId: null, syncIntervalMinutes: 60 });
const seconds = (performance.now() - started) / 1000;
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
console.log(`events: ${events} (${triggering.size} that triggered runs + ${completionSignals} completion signals) = ${((events / files) * 100).toFixed(2)} per 100 files; target ≤ 1`);
console.log("measured from inngest-local's run records (each run's trigger event and recorded steps)");
await h.close();
await repo.remove();
