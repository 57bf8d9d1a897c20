import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

// The command users run: the POSIX launcher, which execs Node on bin/tributary.mjs (same process).
const BIN = fileURLToPath(new URL("../../bin/tributary", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
}

/** The environment a test run sees: no inherited service credentials, git identity set. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
  return { ...env, ...extra };
}

/** Starts `tributary <args>` as its own process (the binary users run), collecting its output. */
export interface StartedCli {
  child: ChildProcess;
  done: Promise<CliResult>;
  stdoutSoFar(): string;
  stderrSoFar(): string;
}

export function startTributary(args: string[], options: CliOptions = {}): StartedCli {
  const child = spawn("sh", [BIN, ...args], { cwd: options.cwd ?? process.cwd(), env: childEnv(options.env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stdoutSoFar: () => stdout, stderrSoFar: () => stderr };
}

export function runTributary(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startTributary(args, options).done;
}

/** Runs a command that must succeed with `--json` and returns its one JSON object. */
export async function runJson(args: string[], options: CliOptions = {}): Promise<unknown> {
  const result = await runTributary([...args, "--json"], options);
  if (result.code !== 0) throw new Error(`tributary ${args.join(" ")} exited ${result.code}:\n${result.stderr}`);
  const lines = result.stdout.trim().split("\n");
  if (lines.length !== 1) throw new Error(`expected one JSON line on stdout, got ${lines.length}:\n${result.stdout}`);
  return JSON.parse(lines[0] ?? "");
}

/** Resolves once `predicate` holds for the process's output so far (checked as output arrives). */
export function waitForOutput(started: StartedCli, predicate: (output: { stdout: string; stderr: string }) => boolean, timeoutMs = 180_000): Promise<void> {
  const holds = () => predicate({ stdout: started.stdoutSoFar(), stderr: started.stderrSoFar() });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for output:\n${started.stderrSoFar()}`)), timeoutMs);
    const check = () => {
      if (!holds()) return;
      clearTimeout(timer);
      started.child.stderr?.off("data", check);
      started.child.stdout?.off("data", check);
      resolve();
    };
    started.child.stderr?.on("data", check);
    started.child.stdout?.on("data", check);
    void started.done.then(() => {
      clearTimeout(timer);
      if (holds()) resolve();
      else reject(new Error(`process ended before the expected output:\n${started.stderrSoFar()}`));
    });
    check();
  });
}
