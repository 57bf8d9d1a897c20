import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledMigrations, createDb, migrate } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/tributary.mjs", import.meta.url));

/**
 * search and status open PGlite for about a second: its WebAssembly must run as baseline
 * (Liftoff) code, without V8 recompiling hot functions with TurboFan on the side (about half of
 * such a command's CPU time; runtime/baseline-wasm.ts). V8's perf map (`--perf-basic-prof`,
 * /tmp/perf-<pid>.map) names every code object it makes with its tier.
 */
describe("search and status compile PGlite's WebAssembly with the baseline compiler only", () => {
  let workDir: string;
  let dataDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "tributary-baseline-wasm-"));
    dataDir = join(workDir, "data");
    const database = await createDb({ dataDir });
    try {
      await migrate(database.db, bundledMigrations);
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function wasmTiers(args: string[]): Promise<{ code: number | null; liftoff: number; turbofan: number; stderr: string }> {
    // In the data directory's folder: V8 also writes an isolate log into the working directory.
    const child = spawn(process.execPath, ["--perf-basic-prof", BIN, ...args, "--data-dir", dataDir], {
      cwd: workDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    const map = `/tmp/perf-${child.pid}.map`;
    try {
      const lines = existsSync(map) ? readFileSync(map, "utf8").split("\n") : [];
      const count = (tier: string) => lines.filter((line) => new RegExp(`wasm-function\\[\\d+\\]-\\d+-${tier}$`).test(line)).length;
      return { code, liftoff: count("liftoff"), turbofan: count("turbofan"), stderr };
    } finally {
      rmSync(map, { force: true });
    }
  }

  it("status", async () => {
    const tiers = await wasmTiers(["status"]);
    expect(tiers.code).toBe(0);
    expect(tiers.liftoff).toBeGreaterThan(100);
    expect(tiers.turbofan).toBe(0);
  }, 120_000);

  it("a sync that finds nothing changed (the full sync before it keeps V8's optimizing compiler)", async () => {
    const repo = await TestRepo.create();
    try {
      await repo.writeFiles({ "src/a.ts": "export const alpha = 1;\n" });
      await repo.commit("first");
      const first = await wasmTiers(["sync", repo.dir]);
      expect(first.code).toBe(0);
      expect(first.stderr).not.toMatch(/up to date/);
      const again = await wasmTiers(["sync", repo.dir]);
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/up to date: .* nothing changed since the last sync/);
      expect(again.liftoff).toBeGreaterThan(100);
      expect(again.turbofan).toBe(0);
    } finally {
      await repo.remove();
    }
  }, 300_000);

  it("search", async () => {
    const tiers = await wasmTiers(["search", "anything"]);
    expect(tiers.code).toBe(0);
    expect(tiers.liftoff).toBeGreaterThan(100);
    expect(tiers.turbofan).toBe(0);
  }, 120_000);
});
