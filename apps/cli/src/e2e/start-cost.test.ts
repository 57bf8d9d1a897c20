import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const APP = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(APP, "bin/tributary.mjs");

/** The current build's folder (the global setup built it). */
function currentBuild(): string {
  const { dir } = JSON.parse(readFileSync(join(APP, "dist/current.json"), "utf8")) as { dir: string };
  return join(APP, "dist", dir);
}

/**
 * What every command parses before it does anything: the launcher and the bundle. Each check here
 * is something measured to cost start-up time on every command (search, status, re-sync).
 */
describe("the CLI's start loads only what it needs", () => {
  it("the launcher of a current build loads neither the build script nor esbuild's plugin", () => {
    // A resolve hook records every module the process loads from a file. It appends to a file
    // synchronously: the hooks run on their own thread, whose stderr reaches the process's
    // asynchronously, and `--help` exits as soon as it has printed, so the last modules' lines
    // (the bundle's) could be lost on a busy machine — the likely cause of one CI failure that found
    // no bundle module among the lines (not reproduced in 80 runs, idle or with 3 busy loops).
    const record = join(mkdtempSync(join(tmpdir(), "tributary-start-cost-")), "loaded.txt");
    const hook = `data:text/javascript,${encodeURIComponent(
      `import { appendFileSync } from "node:fs"; export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith("file:")) appendFileSync(${JSON.stringify(record)}, "LOADED " + r.url + "\\n"); return r; }`,
    )}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from "node:module"; register(${JSON.stringify(hook)});`)}`;
    const run = spawnSync(process.execPath, ["--import", register, BIN, "--help"], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, TRIBUTARY_NO_BUILD: "1" },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const loaded = readFileSync(record, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("LOADED "));
    rmSync(dirname(record), { recursive: true, force: true });
    expect(
      loaded.some((line) => line.includes("/dist/build-")),
      loaded.join("\n"),
    ).toBe(true);
    expect(loaded.filter((line) => line.includes("/scripts/build.mjs") || line.includes("externals-by-path"))).toEqual([]);
  });

  it("the bundle carries zod's English messages only, and no file keeps its comments and indentation", () => {
    const dir = currentBuild();
    const files = readdirSync(dir).filter((name) => name.endsWith(".mjs"));
    const text = files.map((name) => readFileSync(join(dir, name), "utf8")).join("\n");
    // zod's English locale is in (its messages are the ones users see) …
    expect(text).toContain("Invalid input");
    // … its German and Japanese ones (of 64) are not.
    expect(text).not.toContain("Ungültige Eingabe");
    expect(text).not.toContain("無効な入力");
    // esbuild's per-module path comments go with the whitespace.
    expect(text).not.toMatch(/^\/\/ \.\.\/\.\.\/node_modules\//m);
  });

  it("zod in the bundle still reports errors in English", () => {
    const dir = currentBuild();
    const zodChunk = readdirSync(dir)
      .filter((name) => name.endsWith(".mjs"))
      .find((name) => readFileSync(join(dir, name), "utf8").includes("Invalid input"));
    expect(zodChunk).toBeDefined();
    // Reached through main's graph: the CLI validates its environment with zod; a bad value is reported in English.
    const run = spawnSync(process.execPath, [BIN, "status", "--data-dir", join(APP, "does-not-matter")], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, TRIBUTARY_NO_BUILD: "1", TRIBUTARY_EMBEDDING: "nonsense" },
      encoding: "utf8",
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("TRIBUTARY_EMBEDDING: Invalid option");
  });
});
