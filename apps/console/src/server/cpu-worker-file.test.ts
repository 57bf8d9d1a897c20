import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeCpuPool, configureCpuPool, cpuPool } from "@repo/console-inngest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cpuWorkerFile } from "./cpu-worker-file";

const CONSOLE_DIR = fileURLToPath(new URL("../..", import.meta.url));
const options = { maxTokens: 200, overlapTokens: 20 };
const source = Array.from({ length: 40 }, (_, i) => `export function handler${i}(request: Request): Response {\n  return new Response("${i}");\n}\n`).join(
  "\n",
);
const files = [
  { path: "src/handlers.ts", content: new TextEncoder().encode(source) },
  { path: "README.md", content: new TextEncoder().encode("# Title\n\nSome words about parseConfig and max_redirects.\n") },
];

const embedInput = { texts: ["parseConfig reads max_redirects", "a README"], dimensions: 64, kind: "document" as const };

describe("the console's CPU worker file", () => {
  afterEach(async () => {
    await configureCpuPool({ size: 1 });
    await closeCpuPool();
    vi.restoreAllMocks();
  });

  it("resolves from the console's directory to bundled JavaScript that plain Node starts as a worker (no tsx)", () => {
    const file = cpuWorkerFile(CONSOLE_DIR);
    expect(file).toBeDefined();
    expect(file).toMatch(/\.mjs$/);
    expect(existsSync(file!)).toBe(true);
    // A fresh Node without tsx (as under `next start`): the worker must say it is ready.
    const script = `import { Worker } from "node:worker_threads";
const w = new Worker(${JSON.stringify(file)});
w.on("message", (m) => { if (m.ready) { console.log("ready"); w.terminate(); } });
w.on("error", (e) => { console.error(e.message); process.exit(1); });`;
    const dir = mkdtempSync(join(tmpdir(), "cpu-worker-"));
    try {
      writeFileSync(join(dir, "start.mjs"), script);
      const run = spawnSync(process.execPath, [join(dir, "start.mjs")], {
        encoding: "utf8",
        cwd: dir,
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
      });
      expect(run.stderr).toBe("");
      expect(run.stdout.trim()).toBe("ready");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives the pool real worker threads whose chunks equal the inline ones", async () => {
    await configureCpuPool({ size: 0 });
    const inline = await cpuPool().run("chunkFiles", { files, options });
    const inlineVectors = Array.from(await cpuPool().run("embedLocal", embedInput));
    expect(cpuPool().mode()).toBe("inline");
    await configureCpuPool({ size: 1, workerEntry: cpuWorkerFile(CONSOLE_DIR)! });
    const pooled = await cpuPool().run("chunkFiles", { files, options });
    expect(cpuPool().mode()).toBe("workers");
    expect(pooled).toEqual(inline);
    expect((pooled[0] as { chunks: unknown[] }).chunks.length).toBeGreaterThan(1);
    expect(Array.from(await cpuPool().run("embedLocal", embedInput))).toEqual(inlineVectors);
  });

  it("is undefined when the package has no built worker, and says so on stderr once", () => {
    // The package as an install left it without its build: exports name dist/cpu-worker.mjs, which is missing.
    const dir = mkdtempSync(join(tmpdir(), "cpu-worker-"));
    try {
      const pkg = join(dir, "node_modules/@repo/console-inngest");
      mkdirSync(pkg, { recursive: true });
      writeFileSync(
        join(pkg, "package.json"),
        JSON.stringify({ name: "@repo/console-inngest", type: "module", exports: { "./cpu-worker": "./dist/cpu-worker.mjs" } }),
      );
      const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      expect(cpuWorkerFile(dir)).toBeUndefined();
      expect(cpuWorkerFile(dir)).toBeUndefined();
      const said = write.mock.calls.map((c) => String(c[0])).filter((line) => line.includes("the CPU worker was not found"));
      expect(said).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
