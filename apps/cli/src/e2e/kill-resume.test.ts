import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SyncSummary } from "@repo/console-types";
import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../errors";
import { syncJson } from "./fixtures";
import { readIndex, type IndexContents } from "./read-index";
import { startTributary, waitForOutput } from "./run-tributary";

// Enough files for several batches of 250, so a kill lands between batches finishing.
const FILES = 1000;
const moduleText = (i: number) => `export function handler${i}(input: string): string {\n  // module ${i}\n  return input.repeat(${(i % 7) + 1}) + "${i}";\n}\n`;

/** done=N/M from a plain progress line (stderr is not a terminal here). */
const progressOf = (stderr: string) => {
  const matches = [...stderr.matchAll(/done=(\d+)\/(\d+)/g)];
  const last = matches.at(-1);
  return last ? { done: Number(last[1]), planned: Number(last[2]) } : { done: 0, planned: 0 };
};

describe("a sync killed mid-run and run again", () => {
  let repo: TestRepo;
  const dirs: string[] = [];
  let fresh: { summary: SyncSummary; index: IndexContents };
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "tributary-cli-kill-"));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.writeFiles({ "README.md": "# Many handlers\n" });
    await repo.commit("readme");
    await repo.commitManyFiles(FILES, { under: "src", content: moduleText, checkout: false });
    const dir = await dataDir();
    const summary = await syncJson(repo.dir, { dataDir: dir });
    fresh = { summary, index: await readIndex(dir) };
  }, 120_000);
  afterAll(async () => {
    await repo?.remove();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** Starts a sync, and once some batches (not all) are done, sends `signal`. */
  async function interruptMidRun(dir: string, signal: NodeJS.Signals) {
    const run = startTributary(["sync", repo.dir, "--data-dir", dir]);
    await waitForOutput(run, ({ stderr }) => {
      const p = progressOf(stderr);
      return p.done > 0 && p.done < p.planned;
    });
    run.child.kill(signal);
    const exit = await run.done;
    const atKill = await readIndex(dir);
    expect(atKill.documents.length).toBeGreaterThan(0);
    expect(atKill.documents.length).toBeLessThan(fresh.index.documents.length);
    return { exit, atKill };
  }

  async function expectResumedLikeFresh(dir: string, atKill: IndexContents) {
    const resumed = await syncJson(repo.dir, { dataDir: dir });
    expect(resumed).toMatchObject({ status: "succeeded", commit: fresh.summary.commit });
    // Only what was not yet in the embedding cache is embedded again.
    expect(resumed.chunks.embedded).toBeLessThanOrEqual(fresh.index.embeddingCacheRows - atKill.embeddingCacheRows);
    const index = await readIndex(dir);
    expect(index.documents).toEqual(fresh.index.documents);
    expect(index.vectorIds).toEqual(fresh.index.vectorIds);
    expect(new Set(index.vectorIds).size).toBe(index.vectorIds.length);
    expect(index.embeddingCacheRows).toBe(fresh.index.embeddingCacheRows);
    // The dead run's job is closed, not left "running".
    expect(index.jobStatuses).toEqual(["cancelled", "succeeded"]);
  }

  it("indexes every file on a fresh sync", () => {
    expect(fresh.summary).toMatchObject({ status: "succeeded", files: { seen: FILES + 1, indexed: FILES + 1, failed: 0 } });
    expect(fresh.index.vectorIds.length).toBe(fresh.summary.chunks.total);
  });

  it("after SIGKILL: completes with the same index, no duplicates, re-embedding only what was lost", async () => {
    const dir = await dataDir();
    const { exit, atKill } = await interruptMidRun(dir, "SIGKILL");
    expect(exit.signal).toBe("SIGKILL");
    await expectResumedLikeFresh(dir, atKill);
  }, 120_000);

  it("after SIGINT: closes the data directory cleanly, then completes the same way", async () => {
    const dir = await dataDir();
    const { exit, atKill } = await interruptMidRun(dir, "SIGINT");
    expect(exit.code).toBe(EXIT.INTERRUPTED);
    expect(exit.stderr).toMatch(/SIGINT: stopping/);
    await expectResumedLikeFresh(dir, atKill);
  }, 120_000);
});
