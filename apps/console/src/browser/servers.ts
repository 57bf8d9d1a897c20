import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const CONSOLE_DIR = fileURLToPath(new URL("../..", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Newest modification time of the console's app code (tests excluded: they are not built), in ms. */
function newestSourceMtime(path = join(CONSOLE_DIR, "src")): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  if (/\/src\/(browser|testing)$/.test(path)) return 0;
  return Math.max(0, ...readdirSync(path).map((name) => newestSourceMtime(join(path, name))));
}

/** A build older than the code it serves would test yesterday's console. */
function buildIsCurrent(): boolean {
  const buildId = join(CONSOLE_DIR, ".next/BUILD_ID");
  if (!existsSync(buildId)) return false;
  const sources = Math.max(newestSourceMtime(), statSync(join(CONSOLE_DIR, "next.config.ts")).mtimeMs, statSync(join(CONSOLE_DIR, "package.json")).mtimeMs);
  return statSync(buildId).mtimeMs >= sources;
}

const NEXT = fileURLToPath(new URL("../../node_modules/next/dist/bin/next", import.meta.url));

const CPU_WORKER_BUILD = join(CONSOLE_DIR, "node_modules/@repo/console-inngest/scripts/build-cpu-worker.mjs");

/** Builds the console when `.next/` is missing or older than its code, and always its CPU worker (a second). */
export async function ensureBuilt(): Promise<void> {
  const next = NEXT;
  const worker = spawnSync(process.execPath, [CPU_WORKER_BUILD], { encoding: "utf8" });
  if (worker.status !== 0) throw new Error(`the CPU worker's build failed:\n${worker.stderr}`);
  if (!buildIsCurrent()) {
    await new Promise<void>((resolve, reject) => {
      let log = "";
      const build = spawn(process.execPath, [next, "build"], {
        cwd: CONSOLE_DIR,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SKIP_ENV_VALIDATION: "1" },
      });
      build.stdout.on("data", (d: Buffer) => (log += d.toString()));
      build.stderr.on("data", (d: Buffer) => (log += d.toString()));
      build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited ${code}:\n${log.slice(-4000)}`))));
    });
  }
}

/**
 * `next start` on 127.0.0.1 with `env` and little else: nothing of the test runner's environment
 * (NODE_ENV=test, stray TRIBUTARY_* or INNGEST_* variables) leaks into the console under test.
 */
function spawnConsole(port: number, env: Record<string, string>, options: { detached?: boolean } = {}): { process: ChildProcess; output: () => string } {
  let output = "";
  const base = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  const child = spawn(process.execPath, [NEXT, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: CONSOLE_DIR,
    env: { ...base, ...env },
    detached: options.detached ?? false,
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return { process: child, output: () => output };
}

/**
 * `next start` on a production build (built first when missing or stale), resolved once it answers.
 * `detached` puts it in its own process group, so a test can kill -9 it with everything it spawned.
 */
export async function startConsole(
  port: number,
  env: Record<string, string>,
  options: { detached?: boolean } = {},
): Promise<{ url: string; process: ChildProcess; output: () => string }> {
  await ensureBuilt();
  const { process: child, output } = spawnConsole(port, env, options);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    // 401: the Inngest endpoint is up and, outside dev mode, wants a signature.
    const up = await fetch(`${url}/api/inngest`).then(
      (r) => r.ok || r.status === 401,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the console did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, process: child, output };
}

/** `next start` that is expected to refuse to start: its exit code and what it printed. */
export async function startConsoleExpectingExit(
  port: number,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string; answered: boolean }> {
  await ensureBuilt();
  const { process: child, output } = spawnConsole(port, env);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let answered = false;
  const deadline = Date.now() + timeoutMs;
  while (child.exitCode === null && Date.now() < deadline) {
    // Any answer from a console that should have refused to start is a failure.
    answered ||= await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" }).then(
      () => true,
      () => false,
    );
    await new Promise((r) => setTimeout(r, 200));
  }
  if (child.exitCode === null) child.kill("SIGTERM");
  return { code: await exited, output: output(), answered };
}

/** The newest one-time login link an embedded-mode console printed (each use prints the next). */
export function latestLoginLink(output: string): string {
  const link = [...output.matchAll(/http:\/\/\S+\/api\/auth\/embedded\/login\?token=[\w-]+/g)].at(-1)?.[0];
  if (!link) throw new Error(`the console printed no login link:\n${output}`);
  return link;
}
