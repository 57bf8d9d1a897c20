#!/usr/bin/env node
// `pnpm dev`: the console plus an Inngest server on :8288 — the Inngest dev server when an
// `inngest-cli` binary is installed, inngest-local otherwise. Both sync the console's
// /api/inngest and speak the same protocol, so the console behaves the same on either.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const port = process.env.PORT ?? "3000";
// Embedded mode (no GitHub sign-in) serves this machine only; TRIBUTARY_HOST opens a team console wider.
const host = process.env.TRIBUTARY_HOST ?? "127.0.0.1";
const appUrl = `http://127.0.0.1:${port}/api/inngest`;
const inngestLocal = fileURLToPath(new URL("../../../packages/inngest-local/src/cli.ts", import.meta.url));
const nextBin = fileURLToPath(new URL("../node_modules/next/dist/bin/next", import.meta.url));

// inngest-local keeps its runs beside the console's data, so a restart resumes them.
const runsDir = join(process.env.TRIBUTARY_DATA_DIR ?? ".tributary", "inngest-local");

// The CPU pool's bundled worker, fresh from the sources (about a second); without it the pool runs inline.
const cpuWorkerBuild = fileURLToPath(new URL("../node_modules/@repo/console-inngest/scripts/build-cpu-worker.mjs", import.meta.url));
spawnSync(process.execPath, [cpuWorkerBuild], { stdio: "inherit" });

const hasInngestCli = spawnSync("inngest-cli", ["version"], { stdio: "ignore" }).status === 0;
console.log(hasInngestCli ? "Starting the Inngest dev server (inngest-cli) on :8288" : "No inngest-cli on PATH: starting inngest-local on :8288");
const executor = hasInngestCli
  ? spawn("inngest-cli", ["dev", "-u", appUrl], { stdio: "inherit" })
  : spawn(process.execPath, ["--import", "tsx", inngestLocal, "-p", "8288", "-u", appUrl, "--data-dir", runsDir], { stdio: "inherit" });

const env = { INNGEST_DEV: "1", INNGEST_BASE_URL: "http://127.0.0.1:8288", NEXT_TELEMETRY_DISABLED: "1", ...process.env, PORT: port };
const next = spawn(process.execPath, [nextBin, "dev", "-p", port, "-H", host], { stdio: "inherit", env });

const stop = () => {
  executor.kill("SIGTERM");
  next.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
// Either one ending ends the pair: a console without its executor would queue work forever.
executor.on("exit", () => next.kill("SIGTERM"));
next.on("exit", (code) => {
  executor.kill("SIGTERM");
  process.exit(code ?? 0);
});
