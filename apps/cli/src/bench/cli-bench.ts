// `pnpm bench:cli [files=3000] [--keep <dir>]`: the CLI as users run it (a subprocess) on a git
// repository of real source files from node_modules. Prints files/s, MB/s, chunks/s, peak RSS of
// the CLI process, and the time of a re-sync with nothing changed.
// `--keep <dir>` keeps the repository (<dir>/repo) and the synced data directory (<dir>/data);
// when both exist already the corpus and the full sync are skipped and only the no-change re-sync
// and the start-up medians are measured (to compare checkouts on the same data, copy <dir>/data
// first: a data directory admits one process, and a re-sync adds a job).
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { SyncSummarySchema } from "@repo/console-types";
import { TestRepo } from "@repo/testing/github";
import { indexableCorpus } from "./corpus";
import { measureCli } from "./measure-cli";

const argv = process.argv.slice(2);
const keepAt = argv.indexOf("--keep");
const keep = keepAt >= 0 ? argv.splice(keepAt, 2)[1] : undefined;
if (keepAt >= 0 && !keep) throw new Error("--keep needs a directory");
const files = Number(argv[0] ?? 3000);
const reuse = keep !== undefined && existsSync(join(keep, "repo", ".git")) && existsSync(join(keep, "data"));
let repoDir = keep ? join(keep, "repo") : "";
const dataDir = keep ? join(keep, "data") : await mkdtemp(join(tmpdir(), "tributary-bench-data-"));
try {
  if (!reuse) await fullSync();
  else console.log(`reusing ${repoDir} and ${dataDir} (no full sync)`);
  await measureReadPaths();
} finally {
  if (!keep) {
    if (repoDir) await rm(repoDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function fullSync(): Promise<void> {
  const corpus = await indexableCorpus(files);
  if (repoDir) await rm(repoDir, { recursive: true, force: true });
  if (keep) await mkdir(keep, { recursive: true });
  const repo = await TestRepo.create(repoDir ? { dir: repoDir } : {});
  repoDir = repo.dir;
  // Paths keep their package folders ("zod@4.6.7/node_modules/zod/..."), minus the noise.
  await repo.writeFiles(Object.fromEntries(corpus.map((f) => [f.path, f.text])));
  await repo.commit(`corpus of ${files} files`);
  const megabytes = corpus.reduce((n, f) => n + f.bytes, 0) / 1e6;
  console.log(`corpus: ${files} real files, ${megabytes.toFixed(1)} MB, from node_modules/.pnpm`);

  console.log(
    `load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} (1/5/15 min; the machine may be shared)`,
  );
  const timingsFile = join(dataDir, "..", `${dataDir.split("/").pop()}-stages.json`);
  const full = await measureCli(["sync", repo.dir, "--json", "--data-dir", dataDir], { TRIBUTARY_STAGE_TIMINGS: timingsFile });
  const summary = SyncSummarySchema.parse(JSON.parse(full.stdout));
  const seconds = summary.durationMs / 1000;
  console.log(
    `full sync: ${summary.status}, ${summary.files.indexed} indexed, ${JSON.stringify(summary.files.skipped)} skipped, ${summary.chunks.total} chunks`,
  );
  console.log(`  sync ${seconds.toFixed(1)} s (job start to finish), ${(full.wallMs / 1000).toFixed(1)} s wall incl. process start`);
  // The targets are per second of wall time, process start included (issue 14); the job's own
  // rate leaves out starting the runtime, planning, relationship extraction and closing.
  const wall = full.wallMs / 1000;
  console.log(
    `  ${(files / wall).toFixed(0)} files/s, ${(megabytes / wall).toFixed(2)} MB/s, ${(summary.chunks.total / wall).toFixed(0)} chunks/s per second of wall time (target 200 files/s, 1,200 chunks/s)`,
  );
  console.log(`  ${(files / seconds).toFixed(0)} files/s, ${(summary.chunks.total / seconds).toFixed(0)} chunks/s per second of the job (start to finish)`);
  console.log(`  peak RSS ${(full.peakRssBytes / 2 ** 20).toFixed(0)} MiB (VmHWM of the CLI process)`);
  console.log(
    `  CPU ${(full.cpuMs / 1000).toFixed(1)} s (user + sys of the CLI process, its threads and git; steadier than wall under load), of it sys ${(full.sysMs / 1000).toFixed(1)} s; ${(full.minorFaults / 1000).toFixed(0)}k minor page faults (first touches of 4 KiB pages: ${((full.minorFaults * 4096) / 2 ** 30).toFixed(2)} GiB)`,
  );
  const inSeconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `  CPU by thread: main ${inSeconds(full.threads.main)} s; the others over 0.1 s, busiest first: ${full.threads.others
      .filter((ms) => ms >= 100)
      .map(inSeconds)
      .join(", ")} s (first the CPU pool's workers, then V8's platform threads: optimizing compilers, concurrent GC; and libuv's pool)`,
  );
  await printStages(timingsFile, full.wallMs);
  await rm(timingsFile, { force: true });
}

async function measureReadPaths(): Promise<void> {
  const again = await measureCli(["sync", repoDir, "--json", "--data-dir", dataDir]);
  const resync = SyncSummarySchema.parse(JSON.parse(again.stdout));
  console.log(`no-change re-sync: ${resync.status}, ${resync.files.unchanged} unchanged, ${resync.chunks.embedded} embedded`);
  console.log(
    `  ${(resync.durationMs / 1000).toFixed(2)} s (job), ${(again.wallMs / 1000).toFixed(1)} s wall incl. process start; peak RSS ${(again.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  // Start-up and read paths on the synced data: median of 5 runs each, process start included.
  for (const args of [["--help"], ["status", "--data-dir", dataDir], ["search", "parse the configuration file", "--data-dir", dataDir]]) {
    const walls: number[] = [];
    for (let i = 0; i < 5; i++) walls.push((await measureCli(args)).wallMs);
    walls.sort((x, y) => x - y);
    console.log(
      `tributary ${args[0]}: median ${(walls[2]! / 1000).toFixed(2)} s wall of 5 (min ${(walls[0]! / 1000).toFixed(2)}, max ${(walls[4]! / 1000).toFixed(2)}); load ${loadavg()[0]!.toFixed(2)}`,
    );
  }
  console.log(
    `load average after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
}

interface StageSpan {
  stage: string;
  /** Epoch ms. */
  start: number;
  end: number;
}

/**
 * When each stage was busy, one row per stage: per column, how many of its calls ran on average
 * ("." none, "-" under half of one, "1" about one, "2"… that many at once). Where a stage's row
 * has gaps the pipeline waited on something else.
 */
function printTimeline(spans: readonly StageSpan[]): void {
  // Each column stands for an equal slice of the time from the first span's start to the last one's end.
  const TIMELINE_COLUMNS = 60;
  const first = Math.min(...spans.map((s) => s.start));
  const last = Math.max(...spans.map((s) => s.end));
  const width = Math.max(1, (last - first) / TIMELINE_COLUMNS);
  console.log(`  timeline (one column = ${(width / 1000).toFixed(2)} s from the first timed call; calls running at once):`);
  for (const stage of [...new Set(spans.map((s) => s.stage))]) {
    const load = new Array<number>(TIMELINE_COLUMNS).fill(0);
    for (const span of spans.filter((s) => s.stage === stage)) {
      for (let column = 0; column < TIMELINE_COLUMNS; column++) {
        const from = first + column * width;
        const overlap = Math.min(span.end, from + width) - Math.max(span.start, from);
        if (overlap > 0) load[column]! += overlap / width;
      }
    }
    const cells = load.map((l) => (l === 0 ? "." : l < 0.5 ? "-" : String(Math.min(9, Math.max(1, Math.round(l))))));
    console.log(`    ${stage.padEnd(14)} ${cells.join("")}`);
  }
}

/** Busy time per stage as the CLI recorded it; stages overlap (steps run concurrently). */
async function printStages(file: string, wallMs: number): Promise<void> {
  const raw = await readFile(file, "utf8").catch(() => undefined);
  if (!raw) return console.log("  (no stage timings recorded)");
  const { openMs, closeMs, stages, spans, memory } = JSON.parse(raw) as {
    openMs: number;
    closeMs: number;
    stages: Array<{ stage: string; ms: number; calls: number }>;
    spans?: StageSpan[];
    memory?: {
      heapUsed: number;
      external: number;
      arrayBuffers?: number;
      workers?: { heapUsed: number; heapTotal: number; external: number; heapSizeLimit: number };
    };
  };
  console.log(`  stages (busy time; overlapping, so they may sum past the ${(wallMs / 1000).toFixed(1)} s wall):`);
  console.log(`    ${"open runtime".padEnd(14)} ${(openMs / 1000).toFixed(2).padStart(7)} s`);
  for (const { stage, ms, calls } of stages) console.log(`    ${stage.padEnd(14)} ${(ms / 1000).toFixed(2).padStart(7)} s  (${calls} calls)`);
  console.log(`    ${"close runtime".padEnd(14)} ${(closeMs / 1000).toFixed(2).padStart(7)} s`);
  if (spans && spans.length > 0) printTimeline(spans);
  if (memory)
    console.log(
      `  memory peaks (sampled every 200 ms): JS heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, V8 "external" ${(memory.external / 2 ** 20).toFixed(0)} MiB (WebAssembly memories at full size, PGlite's 128 MiB whether resident or not, plus ArrayBuffers/Buffers: ${((memory.arrayBuffers ?? 0) / 2 ** 20).toFixed(0)} MiB at their peak); glibc malloc (threads' arenas, compilers) is in neither`,
    );
  const w = memory?.workers;
  if (w?.heapSizeLimit)
    console.log(
      `  per CPU worker (after its tasks): heap ${(w.heapUsed / 2 ** 20).toFixed(0)} MiB used, ${(w.heapTotal / 2 ** 20).toFixed(0)} MiB committed (limit ${(w.heapSizeLimit / 2 ** 20).toFixed(0)} MiB), V8 "external" ${(w.external / 2 ** 20).toFixed(0)} MiB (tree-sitter's WebAssembly memories at full size, buffers)`,
    );
}
