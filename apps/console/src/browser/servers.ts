import { spawn, type ChildProcess } from "node:child_process";
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

/**
 * `next start` on a production build (built first when missing or stale), resolved once it answers.
 * `detached` puts it in its own process group, so a test can kill -9 it with everything it spawned.
 */
export async function startConsole(port: number, env: Record<string, string>, options: { detached?: boolean } = {}): Promise<{ url: string; process: ChildProcess; output: () => string }> {
  const next = fileURLToPath(new URL("../../node_modules/next/dist/bin/next", import.meta.url));
  if (!buildIsCurrent()) {
    await new Promise<void>((resolve, reject) => {
      let log = "";
      const build = spawn(process.execPath, [next, "build"], { cwd: CONSOLE_DIR, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SKIP_ENV_VALIDATION: "1" } });
      build.stdout.on("data", (d: Buffer) => (log += d.toString()));
      build.stderr.on("data", (d: Buffer) => (log += d.toString()));
      build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited ${code}:\n${log.slice(-4000)}`))));
    });
  }
  let output = "";
  const child = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: CONSOLE_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    detached: options.detached ?? false,
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/api/inngest`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the console did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, process: child, output: () => output };
}
