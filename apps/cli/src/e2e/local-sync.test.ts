import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestRepo } from "@repo/testing/github";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../errors";
import { APP_PY, GUIDE_MD, longModule, PNG, RETRY_TS, searchJson, syncJson } from "./fixtures";
import { runJson, runTributary, startTributary, waitForOutput } from "./run-tributary";

const StatusSchema = z.object({
  sources: z.array(
    z.object({
      source: z.string(),
      syncedCommit: z.string().nullable(),
      documents: z.object({ indexed: z.number() }),
      lastJob: z.object({ status: z.string(), error: z.string().nullable() }).nullable(),
      metrics: z
        .object({
          files: z.object({ indexed: z.number(), skipped: z.number(), failed: z.number(), deleted: z.number() }),
          chunks: z.object({ total: z.number(), embedded: z.number() }),
          jobs: z.record(z.string(), z.number()),
        })
        .nullable(),
    }),
  ),
});

describe("tributary on a local repository (subprocess, embedded default)", () => {
  let repo: TestRepo;
  let dataDir: string;
  const sync = (extra: string[] = []) => syncJson(repo.dir, { dataDir, extra });
  const search = (query: string) => searchJson(query, { dataDir });
  const status = async () => StatusSchema.parse(await runJson(["status", "--data-dir", dataDir])).sources;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-cli-data-"));
    repo = await TestRepo.create();
    await repo.writeFiles({
      "src/retry.ts": RETRY_TS,
      "src/pipeline.ts": longModule("pipeline"),
      "app.py": APP_PY,
      "docs/guide.md": GUIDE_MD,
      "README.md": "# Demo\n\nA small repository for the CLI tests.\n",
      "assets/logo.png": PNG,
      ".env": "API_TOKEN=not-for-the-index\n",
    });
    await repo.writeLargeFile("data/big.txt", 5 * 1024 * 1024);
    await repo.commit("initial");
  });
  afterAll(async () => {
    await repo?.remove();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("indexes the repository with exact counts in the JSON summary", async () => {
    const summary = await sync();
    expect(summary).toMatchObject({
      source: repo.dir.split("/").at(-1),
      commit: await repo.head(),
      status: "succeeded",
      files: { seen: 8, indexed: 5, unchanged: 0, deleted: 0, failed: 0, skipped: { binary: 1, "too-large": 1, secret: 1 } },
      requests: { embedding: 0, github: 0 },
    });
    expect(summary.chunks.total).toBeGreaterThan(5);
    expect(summary.chunks.embedded + summary.chunks.reused).toBe(summary.chunks.total);
    // status --json carries the figures /api/metrics serves.
    expect((await status())[0]?.metrics).toEqual({
      files: { indexed: 5, skipped: 3, failed: 0, deleted: 0 },
      chunks: { total: summary.chunks.total, embedded: summary.chunks.embedded },
      jobs: { succeeded: 1 },
    });
  }, 300_000);

  it("with TRIBUTARY_DEBUG=1 keeps stdout to the one --json document and logs on stderr", async () => {
    // A new data directory: the full runtime starts (the no-change path would not log).
    const fresh = await mkdtemp(join(tmpdir(), "tributary-cli-debug-"));
    try {
      const result = await runTributary(["sync", repo.dir, "--data-dir", fresh, "--json"], { env: { TRIBUTARY_DEBUG: "1" } });
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? "")).toMatchObject({ status: "succeeded" });
      expect(result.stderr.split("\n").length).toBeGreaterThan(5);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it("finds the file that defines an identifier first", async () => {
    const [first] = await search("retryWithBackoff");
    expect(first).toMatchObject({ path: "src/retry.ts", startLine: 1 });
    expect(first?.snippet).toContain("export async function retryWithBackoff");
  }, 300_000);

  it("re-syncs an unchanged repository with nothing embedded", async () => {
    const summary = await sync();
    expect(summary).toMatchObject({ status: "succeeded", files: { indexed: 0, unchanged: 5 }, chunks: { embedded: 0 }, requests: { embedding: 0 } });
  }, 300_000);

  it("embeds at most 2 chunks for a one-line edit, and nothing for a rename", async () => {
    await repo.writeFile("src/pipeline.ts", longModule("pipeline").replace("pipeline stage 3.7", "pipeline stage 3.7 (edited)"));
    await repo.commit("one-line edit");
    const edit = await sync();
    expect(edit).toMatchObject({ status: "succeeded", files: { indexed: 1, unchanged: 4 } });
    expect(edit.chunks.embedded).toBeGreaterThanOrEqual(1);
    expect(edit.chunks.embedded).toBeLessThanOrEqual(2);

    await repo.mv("src/retry.ts", "lib/retry.ts");
    await repo.commit("rename");
    const rename = await sync();
    expect(rename).toMatchObject({ status: "succeeded", files: { indexed: 1, deleted: 1 }, chunks: { embedded: 0 } });
    const results = await search("retryWithBackoff");
    expect(results[0]?.path).toBe("lib/retry.ts");
    expect(results.map((r) => r.path)).not.toContain("src/retry.ts");
  }, 300_000);

  it("drops a deleted file from search", async () => {
    await repo.rm("app.py");
    await repo.commit("delete app.py");
    expect(await sync()).toMatchObject({ status: "succeeded", files: { deleted: 1 } });
    const paths = (await search("handle_request")).map((r) => r.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths).not.toContain("app.py");
  }, 300_000);

  it("refuses a directory that is not a git repository, and an unknown branch, changing nothing", async () => {
    const plain = await mkdtemp(join(tmpdir(), "tributary-not-git-"));
    try {
      const notGit = await runTributary(["sync", plain, "--data-dir", dataDir]);
      expect(notGit.code).toBe(EXIT.SOURCE);
      expect(notGit.stderr).toMatch(/is not a git repository/);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
    const unknown = await runTributary(["sync", repo.dir, "--branch", "no-such-branch", "--data-dir", dataDir]);
    expect(unknown.code).toBe(EXIT.SOURCE);
    expect(unknown.stderr).toMatch(/unknown branch "no-such-branch"/);
    expect(unknown.stdout).toBe("");
  }, 300_000);

  it("fails on an invalid tributary.yml with file:line and keeps the last good index", async () => {
    const lastGood = await repo.head();
    await repo.writeFile("tributary.yml", "include:\n  - src/**\nmaxFileBytes: lots\n");
    await repo.writeFile("docs/new.md", "# New page\n");
    await repo.commit("bad config");
    const result = await runTributary(["sync", repo.dir, "--data-dir", dataDir]);
    expect(result.code).toBe(EXIT.CONFIG);
    expect(result.stderr).toMatch(/tributary\.yml:3:\d+: /);
    // 4 documents since the delete: pipeline.ts, guide.md, README.md, lib/retry.ts.
    expect((await status())[0]).toMatchObject({ syncedCommit: lastGood, documents: { indexed: 4 }, lastJob: { status: "failed" } });
    expect((await search("retryWithBackoff"))[0]?.path).toBe("lib/retry.ts");
    await repo.rm("tributary.yml");
    await repo.commit("drop the bad config");
  }, 300_000);

  it("watches for commits, holds the data directory meanwhile, and releases it on Ctrl-C", async () => {
    const watcher = startTributary(["sync", repo.dir, "--watch", "--interval", "0.3", "--json", "--data-dir", dataDir]);
    try {
      await waitForOutput(watcher, ({ stderr }) => stderr.includes("watching"));
      const busy = await runTributary(["status", "--data-dir", dataDir]);
      expect(busy.code).toBe(EXIT.DATA_DIR_IN_USE);
      expect(busy.stderr).toContain(`in use by process ${watcher.child.pid}`);

      await repo.writeFile("docs/watched.md", "# Watched\n\nAdded while watching.\n");
      const head = await repo.commit("while watching");
      await waitForOutput(watcher, ({ stdout }) => stdout.includes(head));
      watcher.child.kill("SIGINT");
      const exit = await watcher.done;
      expect(exit.code).toBe(EXIT.INTERRUPTED);
      const [lastLine] = exit.stdout.trim().split("\n").slice(-1);
      expect(JSON.parse(lastLine ?? "{}")).toMatchObject({ commit: head, status: "succeeded", files: { indexed: 1 } });
    } finally {
      watcher.child.kill("SIGKILL");
    }
    expect((await status())[0]).toMatchObject({ syncedCommit: await repo.head() });
  }, 300_000);

  it("removes a source with its documents and vectors", async () => {
    const removed = await runTributary(["sources", "remove", repo.dir, "--data-dir", dataDir]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/^removed .+: \d+ documents, \d+ vectors\n$/);
    expect(await search("retryWithBackoff")).toEqual([]);
    expect(await status()).toEqual([]);
  }, 300_000);
});
