import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

// The command users run: the POSIX launcher (bin/tributary), which execs Node in the same process,
// so the process measured is the CLI's. TRIBUTARY_BENCH_BIN runs another checkout's CLI under the
// same measurement (side-by-side figures); a path to a .mjs entry (checkouts before the launcher)
// runs under Node directly.
const BIN = process.env.TRIBUTARY_BENCH_BIN ?? fileURLToPath(new URL("../../bin/tributary", import.meta.url));

export interface Measured {
  stdout: string;
  wallMs: number;
  /** The kernel's high-water mark of the process's resident memory (Linux /proc VmHWM). */
  peakRssBytes: number;
  /**
   * CPU time of the process (all its threads: PGlite, the CPU pool's workers) and of the children
   * it waited for (git), from /proc; sampled every 100 ms, so it misses at most the last interval.
   * On a shared machine it moves far less with load than the wall time does.
   */
  cpuMs: number;
  /** The part of cpuMs spent in the kernel (system calls, page faults), sampled alike. */
  sysMs: number;
  /**
   * Minor page faults of the process and the children it waited for (/proc minflt + cminflt):
   * each is a first touch of a 4 KiB page (fresh heap, buffers, WebAssembly memory), a cost that
   * shows in sysMs; sampled alike.
   */
  minorFaults: number;
  /**
   * CPU time (ms) of each thread of the process, sampled alike: `main` is the thread Node started
   * on (PGlite runs there); `others` every other thread, busiest first — the CPU pool's workers,
   * V8's platform threads (optimizing compilers, concurrent GC) and libuv's pool. A thread that
   * ended keeps its last sample.
   */
  threads: { main: number; others: number[] };
}

/** Runs the CLI, sampling its peak RSS while it runs; stderr (progress) passes through. */
export async function measureCli(args: string[], env: Record<string, string> = {}): Promise<Measured> {
  const started = performance.now();
  // TRIBUTARY_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the CLI processes
  // (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = process.env.TRIBUTARY_BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const [command, commandArgs, nodeArgsEnv] = BIN.endsWith(".mjs")
    ? [process.execPath, [...nodeArgs, BIN, ...args], {}]
    : ["sh", [BIN, ...args], { TRIBUTARY_NODE_ARGS: nodeArgs.join(" ") }];
  const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...nodeArgsEnv, ...env } });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  let peak = 0;
  let cpu = { cpuMs: 0, sysMs: 0, minorFaults: 0 };
  const threadMs = new Map<string, number>();
  // VmHWM, CPU time and faults only grow, so the last samples before exit are the totals (to within one interval).
  const sampler = setInterval(() => {
    void readHighWaterMark(child.pid).then((bytes) => (peak = Math.max(peak, bytes)));
    void readCpu(child.pid).then((sample) => {
      if (sample && sample.cpuMs >= cpu.cpuMs) cpu = sample;
    });
    void readThreadsCpu(child.pid).then((sample) => {
      for (const [tid, ms] of sample) threadMs.set(tid, Math.max(ms, threadMs.get(tid) ?? 0));
    });
  }, 100);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", resolve);
  });
  clearInterval(sampler);
  if (code !== 0) throw new Error(`tributary ${args.join(" ")} exited ${code}`);
  const main = threadMs.get(String(child.pid)) ?? 0;
  const others = [...threadMs].filter(([tid]) => tid !== String(child.pid)).map(([, ms]) => ms);
  return { stdout, wallMs: performance.now() - started, peakRssBytes: peak, ...cpu, threads: { main, others: others.sort((a, b) => b - a) } };
}

/** utime + stime (ms) of each thread of `pid`, from /proc/<pid>/task/<tid>/stat. */
async function readThreadsCpu(pid: number | undefined): Promise<Map<string, number>> {
  const threads = new Map<string, number>();
  if (pid === undefined) return threads;
  const tids = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  await Promise.all(
    tids.map(async (tid) => {
      const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, "utf8").catch(() => "");
      const field = statFields(stat);
      const ms = (field(14) + field(15)) * 10;
      if (stat && Number.isFinite(ms)) threads.set(tid, ms);
    }),
  );
  return threads;
}

async function readHighWaterMark(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/**
 * From /proc/<pid>/stat: utime + stime + cutime + cstime in ms (clock ticks of 10 ms on Linux),
 * the system part (stime + cstime), and minflt + cminflt.
 */
async function readCpu(pid: number | undefined): Promise<{ cpuMs: number; sysMs: number; minorFaults: number } | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  if (!stat) return undefined;
  const field = statFields(stat);
  const sample = { cpuMs: (field(14) + field(15) + field(16) + field(17)) * 10, sysMs: (field(15) + field(17)) * 10, minorFaults: field(10) + field(11) };
  return Object.values(sample).every(Number.isFinite) ? sample : undefined;
}

/** Field n (from 1, as proc(5) numbers them) of a /proc stat line, as a number. */
function statFields(stat: string): (n: number) => number {
  // Fields after the command name (which may hold spaces) start at the state, field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (n) => Number(fields[n - 3] ?? 0);
}
