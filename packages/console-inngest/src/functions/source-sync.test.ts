import { InngestTestEngine, mockCtx } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import { unitInngest, unusedDeps } from "../testing/unit";
import { createGithubSync } from "./github-sync";
import { createRelationshipsExtract } from "./relationships-extract";
import { createSourceSync } from "./source-sync";

const deps = unusedDeps();
const fn = createSourceSync(unitInngest, deps, { githubSync: createGithubSync(unitInngest, deps), relationshipsExtract: createRelationshipsExtract(unitInngest, deps) });
const event = { name: "tributary/source.sync.requested", data: { sourceId: "src_1", requestId: "sreq_1", commit: null, trigger: "manual" } } as const;
const summary = { source: "demo", commit: "c1", status: "succeeded", files: { seen: 3, indexed: 3, unchanged: 0, deleted: 0, failed: 0, skipped: {} }, chunks: { total: 3, embedded: 3, reused: 0 }, requests: { embedding: 1, github: 0 }, durationMs: 5 };

// @inngest/test pitfalls (facts.md): a fresh engine per test; waitForEvent stubbed through transformCtx.
function engine(waitForEvent = vi.fn(async () => null)) {
  return new InngestTestEngine({
    function: fn,
    events: [event],
    transformCtx: (ctx) => {
      const mocked = mockCtx(ctx);
      // A stub that answers "timed out" (null), whatever event was asked for.
      return { ...mocked, step: { ...mocked.step, waitForEvent: waitForEvent as unknown as typeof mocked.step.waitForEvent } };
    },
  });
}

describe("source.sync", () => {
  it("ends at once when an earlier run took every pending request (coalesced)", async () => {
    const { result, ctx } = await engine().execute({ steps: [{ id: "start-job", handler: () => null }] });
    expect(result).toEqual({ status: "coalesced" });
    expect(ctx.step.invoke).not.toHaveBeenCalled();
  });

  it("finalizes a failed plan without fanning out", async () => {
    const finalize = vi.fn(() => ({ summary: { ...summary, status: "failed" }, workspaceId: "ws_1" }));
    const { result, ctx } = await engine().execute({
      steps: [
        { id: "start-job", handler: () => ({ jobId: "job_1", coalesced: 1 }) },
        { id: "plan", handler: () => ({ status: "failed", error: "tributary.yml:2:3: unknown key", githubRequests: 2 }) },
        { id: "finalize", handler: finalize },
        { id: "clear-staging", handler: () => undefined },
        { id: "record-activity", handler: () => ({ ids: [] }) },
      ],
    });
    expect(result).toMatchObject({ jobId: "job_1", status: "failed" });
    expect(ctx.step.sendEvent).not.toHaveBeenCalledWith("fan-out", expect.anything());
    expect(finalize).toHaveBeenCalledTimes(1);
  });

  it("completes when the batches finished before the wait began (the completion event was missed)", async () => {
    const waitForEvent = vi.fn(async () => null);
    const { result, ctx } = await engine(waitForEvent).execute({
      steps: [
        { id: "start-job", handler: () => ({ jobId: "job_1", coalesced: 1 }) },
        { id: "plan", handler: () => ({ status: "planned", commit: "c1", filesSeen: 3, upsertBatches: ["bat_1"], deleteBatches: ["bat_2"], unchanged: 0, skipped: 0, githubRequests: 3 }) },
        { id: "fan-out", handler: () => ({ ids: ["e1", "e2"] }) },
        // The first check runs before the batches finish; they finish and signal before the wait
        // starts, so the wait times out (null) — and the next check sees them done.
        { id: "check-progress-0", handler: () => ({ done: 0, total: 2 }) },
        { id: "check-progress-1", handler: () => ({ done: 2, total: 2 }) },
        { id: "finalize", handler: () => ({ summary, workspaceId: "ws_1" }) },
        { id: "extract-relationships", handler: () => ({ documents: 3, edges: 1 }) },
        { id: "clear-staging", handler: () => undefined },
        { id: "record-activity", handler: () => ({ ids: [] }) },
      ],
    });
    expect(result).toMatchObject({ jobId: "job_1", status: "succeeded" });
    expect(waitForEvent).toHaveBeenCalledTimes(1);
    expect(waitForEvent).toHaveBeenCalledWith("wait-for-batches-0", expect.objectContaining({ if: 'async.data.jobId == "job_1"' }));
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("fan-out", [
      expect.objectContaining({ name: "tributary/job.contents.requested", data: { jobId: "job_1" } }),
      expect.objectContaining({ name: "tributary/documents.delete.requested", data: { jobId: "job_1", batchId: "bat_2" } }),
    ]);
  });
});
