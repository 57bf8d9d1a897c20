import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SyncSummary } from "@repo/console-types";
import { FakeLinear } from "@repo/testing/linear";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncJson } from "./fixtures";
import { readIndex, type IndexContents } from "./read-index";
import { startTributary, waitForOutput } from "./run-tributary";

const KEY = "lin_api_cli_kill";
// Seven batches of 250 items, more than the CLI works on at once (four step calls in flight, see
// runtime/start-runtime.ts): a kill lands after some batches are indexed, not all. With three
// batches and four steps in flight, all three finished together and no moment in between showed.
const ISSUES = 1_750;

const progressOf = (stderr: string) => {
  const last = [...stderr.matchAll(/done=(\d+)\/(\d+)/g)].at(-1);
  return last ? { done: Number(last[1]), planned: Number(last[2]) } : { done: 0, planned: 0 };
};

// The item-source twin of kill-resume.test.ts: `tributary sync linear:ENG` killed with SIGKILL
// mid-run, then run again, ends with the index a fresh sync builds from the same workspace.
describe("an item-source sync killed mid-run and run again", () => {
  const linear = new FakeLinear({ tokens: [KEY] });
  const env = () => ({ LINEAR_API_URL: linear.apiUrl, LINEAR_API_KEY: KEY });
  const dirs: string[] = [];
  let fresh: { summary: SyncSummary; index: IndexContents };
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "tributary-cli-kill-items-"));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    await linear.start();
    linear.workspace.advance(-48 * 3_600_000);
    linear.workspace.seed({ teamKey: "ENG", issues: ISSUES, comments: 0, documents: 0, spacingMs: 60_000 });
    const dir = await dataDir();
    const summary = await syncJson("linear:ENG", { dataDir: dir, env: env() });
    fresh = { summary, index: await readIndex(dir) };
  }, 300_000);
  afterAll(async () => {
    await linear.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("indexes every issue on a fresh sync", () => {
    expect(fresh.summary).toMatchObject({ status: "succeeded", files: { indexed: ISSUES, failed: 0 } });
    expect(fresh.index.vectorIds.length).toBe(fresh.summary.chunks.total);
  });

  it("after SIGKILL mid-run, resumes to the fresh index with no duplicates", async () => {
    const dir = await dataDir();
    const run = startTributary(["sync", "linear:ENG", "--data-dir", dir], { env: env() });
    await waitForOutput(run, ({ stderr }) => {
      const p = progressOf(stderr);
      return p.done > 0 && p.done < p.planned;
    });
    run.child.kill("SIGKILL");
    expect((await run.done).signal).toBe("SIGKILL");
    const atKill = await readIndex(dir);
    expect(atKill.documents.length).toBeGreaterThan(0);
    expect(atKill.documents.length).toBeLessThan(fresh.index.documents.length);

    const resumed = await syncJson("linear:ENG", { dataDir: dir, env: env() });
    expect(resumed).toMatchObject({ status: "succeeded", files: { failed: 0 } });
    const index = await readIndex(dir);
    expect(index.documents).toEqual(fresh.index.documents);
    expect(index.vectorIds).toEqual(fresh.index.vectorIds);
    expect(new Set(index.vectorIds).size).toBe(index.vectorIds.length);
    // The killed run's job is closed (superseded: its process stopped), not left "running".
    expect(index.jobStatuses).toEqual(["superseded", "succeeded"]);
  }, 300_000);
});
