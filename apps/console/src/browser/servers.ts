import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
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

/** `next start` on a production build (built first when missing), resolved once it answers. */
export async function startConsole(port: number, env: Record<string, string>): Promise<{ url: string; process: ChildProcess; output: () => string }> {
  const next = fileURLToPath(new URL("../../node_modules/next/dist/bin/next", import.meta.url));
  if (!existsSync(`${CONSOLE_DIR}/.next/BUILD_ID`)) {
    await new Promise<void>((resolve, reject) => {
      const build = spawn(process.execPath, [next, "build"], { cwd: CONSOLE_DIR, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SKIP_ENV_VALIDATION: "1" }, stdio: "ignore" });
      build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited ${code}`))));
    });
  }
  let output = "";
  const child = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: CONSOLE_DIR, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
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
