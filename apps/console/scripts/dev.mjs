#!/usr/bin/env node
// `pnpm dev`: the console plus an Inngest server on :8288 — the Inngest dev server when an
// `inngest-cli` binary is installed, inngest-local otherwise. The console behaves the same on both.
import { spawn, spawnSync } from "node:child_process";

const port = process.env.PORT ?? "3000";
const appUrl = `http://localhost:${port}/api/inngest`;
const hasInngestCli = spawnSync("inngest-cli", ["version"], { stdio: "ignore" }).status === 0;
const executor = hasInngestCli
  ? spawn("inngest-cli", ["dev", "-u", appUrl], { stdio: "inherit" })
  : spawn(process.execPath, ["--import", "tsx", "../../packages/inngest-local/src/cli.ts", "-u", appUrl], { stdio: "inherit" });
const env = { ...process.env, INNGEST_DEV: "1", INNGEST_BASE_URL: process.env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288" };
const next = spawn("npx", ["next", "dev", "-p", port], { stdio: "inherit", env });

const stop = () => {
  executor.kill("SIGTERM");
  next.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", (code) => {
  executor.kill("SIGTERM");
  process.exit(code ?? 0);
});
