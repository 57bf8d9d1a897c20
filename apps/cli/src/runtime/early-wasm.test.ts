import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { recordSyncedHead } from "../sync/synced-heads";

const pgliteWasm = join(
  dirname(createRequire(fileURLToPath(new URL("../../../../packages/console-db/package.json", import.meta.url))).resolve("@electric-sql/pglite")),
  "pglite.wasm",
);

// The module keeps what it started: each case imports a fresh copy.
const load = async () => {
  vi.resetModules();
  return { ...(await import("./early-wasm")), ...(await import("./baseline-wasm")) };
};

describe("compiling PGlite's WebAssembly as search and status start", () => {
  beforeEach(() => vi.resetModules());

  it("starts the compile for search and status, as baseline code", async () => {
    for (const argv of [
      ["search", "retry handling"],
      ["status", "--json"],
    ]) {
      const { compilePgliteEarly, pgliteCompiledEarly, wasmIsBaselineOnly } = await load();
      compilePgliteEarly(argv, {}, pgliteWasm);
      const compiled = await pgliteCompiledEarly();
      expect(compiled).toBeInstanceOf(WebAssembly.Module);
      expect(WebAssembly.Module.exports(compiled!).map((e) => e.name)).toContain("pgl_startPGlite");
      expect(wasmIsBaselineOnly()).toBe(true);
    }
  });

  it("starts nothing for other commands, help, Postgres, or without the built CLI's pglite.wasm", async () => {
    const cases: Array<[string[], NodeJS.ProcessEnv, string | undefined]> = [
      [["sync", "."], {}, pgliteWasm],
      [["--help"], {}, pgliteWasm],
      [["search", "--help"], {}, pgliteWasm],
      [["status", "-h"], {}, pgliteWasm],
      [["search", "x", "--database-url", "postgres://127.0.0.1/db"], {}, pgliteWasm],
      [["status", "--database-url=postgres://127.0.0.1/db"], {}, pgliteWasm],
      [["status"], { DATABASE_URL: "postgres://127.0.0.1/db" }, pgliteWasm],
      [["search", "x"], {}, undefined],
    ];
    for (const [argv, env, file] of cases) {
      const { compilePgliteEarly, pgliteCompiledEarly, wasmIsBaselineOnly } = await load();
      compilePgliteEarly(argv, env, file);
      expect(pgliteCompiledEarly(), argv.join(" ")).toBeUndefined();
      expect(wasmIsBaselineOnly()).toBe(false);
    }
  });

  it("starts the compile for a sync that looks like a no-change re-sync (its head is the synced one), and not otherwise", async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "tributary-early-sync-")));
    try {
      const repo = join(dir, "repo");
      const dataDir = join(dir, "data");
      mkdirSync(dataDir);
      const git = (...args: string[]) =>
        execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8" }).trim();
      mkdirSync(repo);
      git("init", "-q", "-b", "main");
      writeFileSync(join(repo, "a.txt"), "a\n");
      git("add", ".");
      git("commit", "-q", "-m", "one");
      const argv = ["sync", repo, "--data-dir", dataDir];
      {
        const { compilePgliteEarly, pgliteCompiledEarly, wasmIsBaselineOnly } = await load();
        compilePgliteEarly(argv, {}, pgliteWasm, dir);
        expect(pgliteCompiledEarly()).toBeUndefined();
        expect(wasmIsBaselineOnly()).toBe(false);
      }
      recordSyncedHead(dataDir, repo, "main", git("rev-parse", "HEAD"));
      {
        const { compilePgliteEarly, pgliteCompiledEarly, wasmIsBaselineOnly } = await load();
        compilePgliteEarly(argv, {}, pgliteWasm, dir);
        expect(await pgliteCompiledEarly()).toBeInstanceOf(WebAssembly.Module);
        expect(wasmIsBaselineOnly()).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
