import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/tributary.mjs", import.meta.url));

export interface Measured {
  stdout: string;
  wallMs: number;
  /** The kernel's high-water mark of the process's resident memory (Linux /proc VmHWM). */
  peakRssBytes: number;
}

/** Runs the CLI, sampling its peak RSS while it runs; stderr (progress) passes through. */
export async function measureCli(args: string[], env: Record<string, string> = {}): Promise<Measured> {
  const started = performance.now();
  // TRIBUTARY_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the CLI processes
  // (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = process.env.TRIBUTARY_BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  let peak = 0;
  // VmHWM only grows, so the last sample before exit is the peak (to within one interval).
  const sampler = setInterval(() => {
    void readHighWaterMark(child.pid).then((bytes) => (peak = Math.max(peak, bytes)));
  }, 100);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", resolve);
  });
  clearInterval(sampler);
  if (code !== 0) throw new Error(`tributary ${args.join(" ")} exited ${code}`);
  return { stdout, wallMs: performance.now() - started, peakRssBytes: peak };
}

async function readHighWaterMark(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}
