import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it, vi } from "vitest";

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
});
