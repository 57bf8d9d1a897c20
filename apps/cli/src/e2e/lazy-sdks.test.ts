import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTributary } from "./run-tributary";

/**
 * A sync of a local git repository with the local embedder loads no provider SDK it does not use:
 * Linear's SDK (some 3 MB of JavaScript), OpenAI's (154 modules), Slack's (~100 ms to import with
 * its HTTP stack) and Notion's (~45 ms) cost start-up time and memory on every sync when they load
 * with the modules that name them.
 */
describe("SDKs a local sync does not use are never loaded", () => {
  let dir: string;
  let repo: TestRepo;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tributary-lazy-sdks-"));
    repo = await TestRepo.create();
    await repo.writeFiles({ "src/a.ts": "export const a = 1;\n", "README.md": "# Lazy\n\nNothing to load.\n" });
    await repo.commit("initial");
    // A module-loading hook (in every thread) that appends each loaded URL to a file.
    await writeFile(
      join(dir, "hooks.mjs"),
      `import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(join(dir, "loaded.txt"))}, url + "\\n"); return next(url, context); }\n`,
    );
    await writeFile(
      join(dir, "register.mjs"),
      `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});\n`,
    );
  });
  afterAll(async () => {
    await repo?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("tributary sync <local repo> loads none of Linear's client SDK, OpenAI's, Slack's, Notion's, Cohere's or Pinecone's", async () => {
    const result = await runTributary(["sync", repo.dir, "--data-dir", join(dir, "data"), "--json"], {
      env: { NODE_OPTIONS: `--import=${pathToFileURL(join(dir, "register.mjs")).href}` },
    });
    expect(result.code, result.stderr).toBe(0);
    const loaded = (await readFile(join(dir, "loaded.txt"), "utf8")).split("\n").filter(Boolean);
    // The hook saw the sync's own modules (so an empty list cannot pass).
    expect(loaded.some((url) => url.includes("/@electric-sql+pglite@"))).toBe(true);
    // Linear's webhook verifier (10 KB, its own entry point) may load; the client may not.
    const linearClient = (url: string) => url.includes("/@linear+sdk@") && !/\/dist\/webhooks(\/|-)/.test(url);
    const openai = (url: string) => /\/openai@[^/]+\/node_modules\/openai\//.test(url);
    // Slack's, Notion's, Cohere's and Pinecone's SDKs by their package folders.
    const otherSdks = ["/@slack+web-api@", "/@notionhq+client@", "/cohere-ai@", "/@pinecone-database+pinecone@"];
    const otherSdk = (url: string) => otherSdks.some((folder) => url.includes(folder));
    expect(loaded.filter((url) => linearClient(url) || openai(url) || otherSdk(url))).toEqual([]);
  });

  it("tributary sync <local repo> leaves the cl100k tokenizer to the CPU workers (its main thread never loads it)", async () => {
    await rm(join(dir, "loaded.txt"), { force: true });
    const result = await runTributary(["sync", repo.dir, "--data-dir", join(dir, "data-tokenizer"), "--json"], {
      env: { NODE_OPTIONS: `--import=${pathToFileURL(join(dir, "register.mjs")).href}` },
    });
    expect(result.code, result.stderr).toBe(0);
    const loaded = (await readFile(join(dir, "loaded.txt"), "utf8")).split("\n").filter(Boolean);
    // The hook sees every thread's loads in one list. The main thread loads its modules before it
    // starts a worker; the tokenizer (~0.3 s and ~40 MiB to load) may appear only after the worker's module.
    const worker = loaded.findIndex((url) => /\/cpu-worker(-boot)?\.(mjs|ts)$/.test(url));
    const tokenizer = loaded.findIndex((url) => url.includes("/gpt-tokenizer/"));
    expect(worker, "a CPU worker started").toBeGreaterThanOrEqual(0);
    expect(tokenizer, "the workers load the tokenizer").toBeGreaterThan(worker);
  });
});
