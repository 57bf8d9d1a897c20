// `pnpm bench:push [rounds=5] [files=3000] [--interval seconds]`: push → searchable latency on the
// embedded default. Syncs a git repository of real files from node_modules, then follows it the
// way `tributary sync --watch` does (the same watchBranch + runSync, in this process: PGlite's data
// directory belongs to one process, so a separate `tributary search` could not open it while
// watching). Each round commits a unique word into 1, 10 or 50 files and times commit → the
// moment a search for that word returns every changed file; p50/p95 per size.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { tableRows } from "@repo/console-db/testing";
import { createSyncDeps, searchIndex } from "@repo/console-inngest";
import { TestRepo } from "@repo/testing/github";
import { startRuntime } from "../runtime/start-runtime";
import { sourceSpecFor } from "../source/connect-target";
import { runSync } from "../sync/run-sync";
import { DEFAULT_WATCH_INTERVAL_SECONDS, watchBranch } from "../sync/watch";
import { indexableCorpus } from "./corpus";

const SIZES = [1, 10, 50];
/**
 * How often the benchmark asks whether the change is searchable (its resolution). The searches
 * share PGlite with the sync, which serialises queries: after a slow search the benchmark waits
 * as long again, so its own queries never take more than half of the database's time.
 */
const SEARCH_POLL_MS = 250;
const TIMEOUT_MS = 600_000;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { interval: { type: "string" } } });
const rounds = Number(positionals[0] ?? 5);
const fileCount = Number(positionals[1] ?? 3000);
const intervalSeconds = Number(values.interval ?? DEFAULT_WATCH_INTERVAL_SECONDS);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

const corpus = await indexableCorpus(fileCount);
// Code files take a `//` comment line anywhere at their end without changing how they parse.
const editable = corpus.map((f) => f.path).filter((path) => /\.(ts|js|mjs|cjs)$/.test(path));
const repo = await TestRepo.create();
const dataDir = await mkdtemp(join(tmpdir(), "tributary-push-bench-"));
let stopped = false;
try {
  await repo.writeFiles(Object.fromEntries(corpus.map((f) => [f.path, f.text])));
  await repo.commit(`corpus of ${fileCount} files`);
  console.log(`corpus: ${fileCount} real files from node_modules/.pnpm (${editable.length} code files to change)`);
  console.log(`load average before: ${load()} (1/5/15 min; the machine may be shared)`);

  const runtime = await startRuntime({ embedding: { provider: "local" }, dataDir }, { cpuWork: true });
  const { spec } = await sourceSpecFor({ kind: "local", path: repo.dir }, process.cwd(), undefined);
  const connected = new Set<string>();
  const first = await runSync(runtime, spec, { connected });
  console.log(
    `initial sync: ${first.job.status}, ${first.job.filesIndexed} indexed in ${((first.job.finishedAt!.getTime() - first.job.startedAt!.getTime()) / 1000).toFixed(1)} s`,
  );
  if (first.job.status !== "succeeded") await printNotIndexed(first.job.id);
  const deps = createSyncDeps({ embedding: { provider: "local" }, db: runtime.database.db });

  // What `tributary sync --watch` runs after its first sync (commands/sync.ts).
  let indexed = first.source.syncedCommit ?? (await repo.head());
  let detectedAt = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  const watching = watchBranch(repo.dir, spec.branch, intervalSeconds * 1000, indexed, async () => {
    if (stopped) return indexed;
    detectedAt = Date.now();
    const running = runSync(runtime, spec, { connected });
    inFlight = running.catch(() => undefined);
    const result = await running;
    indexed = result.source.syncedCommit ?? indexed;
    return indexed;
  });
  watching.catch((error: unknown) => {
    if (!stopped) console.error("watch loop failed:", error);
  });
  console.log(`watching with --interval ${intervalSeconds} s; search polled every ${SEARCH_POLL_MS} ms or the last search's time, whichever is longer`);
  const searchTimes: number[] = [];

  let next = 0;
  for (const size of SIZES) {
    const latencies: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const word = `pushmark${randomLetters(10)}`;
      const paths = Array.from({ length: size }, () => editable[next++ % editable.length]!);
      for (const path of paths) await writeFile(join(repo.dir, path), `${await readFile(join(repo.dir, path), "utf8")}\n// ${word}\n`);
      await repo.commit(`round ${round}: ${size} files`);
      const committed = performance.now();
      const committedAt = Date.now();
      await untilSearchable(word, paths);
      latencies.push(performance.now() - committed);
      if (round === 0) printTimeline(committedAt, Date.now());
    }
    latencies.sort((a, b) => a - b);
    const pick = (q: number) => (latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]! / 1000).toFixed(2);
    console.log(
      `${String(size).padStart(2)} changed files: p50 ${pick(0.5)} s, p95 ${pick(0.95)} s, max ${pick(1)} s over ${rounds} rounds (${latencies.map((ms) => (ms / 1000).toFixed(2)).join(", ")}); load ${loadavg()[0]!.toFixed(2)}`,
    );
  }
  searchTimes.sort((a, b) => a - b);
  console.log(
    `measured: git commit returned → a lexical search for the round's unique word returns every changed file with the word in its snippet (median search ${searchTimes[Math.floor(searchTimes.length / 2)]!.toFixed(0)} ms of ${searchTimes.length})`,
  );
  console.log(`load average after: ${load()}`);
  stopped = true;
  // A sync the watch loop started must end before the database closes under it.
  await inFlight;
  await runtime.close();

  /** Where one round's time went: the watch loop's detection, then every step of every run, from the commit. */
  function printTimeline(committedAt: number, visibleAt: number): void {
    console.log(
      `  first round of this size: head seen by the watch loop at +${detectedAt - committedAt} ms, searchable at +${visibleAt - committedAt} ms; steps (start → end, ms after the commit):`,
    );
    const steps = runtime.local
      .runs()
      .filter((run) => Date.parse(run.startedAt) >= committedAt)
      .flatMap((run) => run.steps.map((step) => ({ fn: run.functionId.replace(/^tributary-/, ""), ...step })))
      .sort((a, b) => a.at - b.at);
    for (const step of steps)
      console.log(
        `    +${String(step.at - step.durationMs - committedAt).padStart(6)} → +${String(step.at - committedAt).padStart(6)}  ${step.fn} ${step.id} (${step.op}, ${step.outcome})`,
      );
  }

  /** Why a sync did not index everything: its failed files and their errors. */
  async function printNotIndexed(jobId: string): Promise<void> {
    const { db } = runtime.database;
    const failed = await tableRows(db, "syncJobFiles", { where: { jobId, outcome: "failed" } });
    console.log(`  job ${jobId}: ${failed.length} failed file(s)`);
    for (const f of failed.slice(0, 20)) console.log(`    ${f.path}: ${f.reason ?? ""} ${f.error ?? ""}`);
  }

  /** The manifest rows and newest jobs, when a round never became searchable. */
  async function printDocuments(paths: string[]): Promise<void> {
    const { db } = runtime.database;
    const wanted = new Set(paths);
    const rows = (await tableRows(db, "documents", { where: { sourceId: first.source.id } })).filter((r) => wanted.has(r.path));
    for (const r of rows) console.log(`    ${r.path}: ${r.outcome} ${r.reason ?? ""} ${r.error ?? ""} @${r.commit?.slice(0, 7)}`);
    const jobs = await tableRows(db, "syncJobs", { where: { sourceId: first.source.id }, orderBy: "-createdAt", limit: 5 });
    for (const j of jobs)
      console.log(`    job ${j.id} ${j.status} ${j.error ?? ""} batches ${j.batchesDone}/${j.batchesTotal} target ${j.targetCommit?.slice(0, 7)}`);
  }

  async function untilSearchable(word: string, paths: string[]): Promise<void> {
    const deadline = performance.now() + TIMEOUT_MS;
    const wanted = new Set(paths);
    while (performance.now() < deadline) {
      const asked = performance.now();
      // Lexical mode: the word is in the index exactly when the files are (a batch writes vectors,
      // then the lexical rows with the manifest). A hybrid search with topK = files + 10 can leave
      // out indexed files of a 50-file round: fusion scores a lexical hit at rank ~50 in a non-code
      // path (dist/, .d.ts: ×0.4) below dense-only hits near the top (0.35/(60+r)), and for a
      // made-up word the embedded default's hashing vectors rank noise.
      const hits = await searchIndex(deps, runtime.store, word, { topK: wanted.size + 10, sourceIds: [first.source.id], mode: "lexical" });
      const searchMs = performance.now() - asked;
      searchTimes.push(searchMs);
      const found = hits.filter((hit) => wanted.has(hit.path) && hit.snippet.includes(word));
      if (found.length === wanted.size) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(SEARCH_POLL_MS, searchMs)));
    }
    await printDocuments(paths);
    throw new Error(`"${word}" was not searchable in all ${wanted.size} files after ${TIMEOUT_MS / 1000} s`);
  }
} finally {
  stopped = true;
  await repo.remove();
  await rm(dataDir, { recursive: true, force: true });
}
// The watch loop never returns on its own (as with `sync --watch`, only a signal ends it).
process.exit(0);

function randomLetters(n: number): string {
  return Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
}
