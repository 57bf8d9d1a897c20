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

// Batches of 250 files, up to 4 in flight, and a SIGINT lets those in flight finish: 1,750 files
// (8 batches) leave at least 3 batches after the SIGINT, so the SIGKILL run that follows also
// stops with some files indexed, not all. (With 700, a SIGINT that let all but 201 files finish
// left the next run one batch, whose progress went from 0 to done with no moment in between.)
const FILES = 1750;
const moduleText = (i: number) =>
  `export function handler${i}(input: string): string {\n  // module ${i}\n  return input.repeat(${(i % 7) + 1}) + "${i}";\n}\n`;

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
  }, 300_000);
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

  it("indexes every file on a fresh sync", () => {
    expect(fresh.summary).toMatchObject({ status: "succeeded", files: { seen: FILES + 1, indexed: FILES + 1, failed: 0 } });
    expect(fresh.index.vectorIds.length).toBe(fresh.summary.chunks.total);
  });

  it("after SIGINT and then SIGKILL mid-run, completes with the fresh index, no duplicates, re-embedding only what was lost", async () => {
    const dir = await dataDir();
    const interrupted = await interruptMidRun(dir, "SIGINT");
    expect(interrupted.exit.code).toBe(EXIT.INTERRUPTED);
    expect(interrupted.exit.stderr).toMatch(/SIGINT: stopping/);
    // The second run resumes (it plans only what is missing), and is killed in turn.
    const killed = await interruptMidRun(dir, "SIGKILL");
    expect(killed.exit.signal).toBe("SIGKILL");
    expect(killed.atKill.documents.length).toBeGreaterThan(interrupted.atKill.documents.length);

    const resumed = await syncJson(repo.dir, { dataDir: dir });
    expect(resumed).toMatchObject({ status: "succeeded", commit: fresh.summary.commit, files: { unchanged: killed.atKill.documents.length } });
    // Only what was not yet in the embedding cache is embedded again.
    expect(resumed.chunks.embedded).toBeLessThanOrEqual(fresh.index.embeddingCacheRows - killed.atKill.embeddingCacheRows);
    const index = await readIndex(dir);
    expect(index.documents).toEqual(fresh.index.documents);
    expect(index.vectorIds).toEqual(fresh.index.vectorIds);
    expect(new Set(index.vectorIds).size).toBe(index.vectorIds.length);
    expect(index.embeddingCacheRows).toBe(fresh.index.embeddingCacheRows);
    // The dead runs' jobs are closed (superseded: their process stopped), not left "running".
    expect(index.jobStatuses).toEqual(["superseded", "superseded", "succeeded"]);
  }, 300_000);
});
