import { InngestTestEngine, mockCtx } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import { unitInngest, unusedDeps } from "../testing/unit";
import { createSourcePlan } from "./source-plan";
import { createRelationshipsExtract } from "./relationships-extract";
import { createSourceSync } from "./source-sync";

const deps = unusedDeps();
const fn = createSourceSync(unitInngest, deps, {
  sourcePlan: createSourcePlan(unitInngest, deps),
  relationshipsExtract: createRelationshipsExtract(unitInngest, deps),
});
const event = { name: "tributary/source.sync.requested", data: { sourceId: "src_1", requestId: "sreq_1", commit: null, trigger: "manual" } } as const;
const summary = {
  source: "demo",
  commit: "c1",
  status: "succeeded",
  files: { seen: 3, indexed: 3, unchanged: 0, deleted: 0, failed: 0, skipped: {} },
  chunks: { total: 3, embedded: 3, reused: 0 },
  requests: { embedding: 1, github: 0 },
  durationMs: 5,
};

// @inngest/test pitfalls (facts.md): a fresh engine per test; waitForEvent stubbed through transformCtx.
function engine(waitForEvent: ReturnType<typeof vi.fn> = vi.fn(async () => null)) {
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
    const { result, ctx } = await engine().execute({ steps: [{ id: "start-job", handler: () => ({ status: "idle" }) }] });
    expect(result).toEqual({ status: "coalesced" });
    expect(ctx.step.invoke).not.toHaveBeenCalled();
  });

  it("waits while another live job holds the source, then ends when that job took the request", async () => {
    const waitForEvent = vi.fn(async () => ({ name: "tributary/source.released", data: { sourceId: "src_1" } }));
    const { result, ctx } = await engine(waitForEvent).execute({
      steps: [
        { id: "start-job", handler: () => ({ status: "busy", holder: "job_0", expiresAt: "2026-01-01T00:10:00.000Z", waitMs: 600_000 }) },
        { id: "start-job-1", handler: () => ({ status: "idle" }) },
      ],
    });
    expect(result).toEqual({ status: "coalesced" });
    expect(waitForEvent).toHaveBeenCalledWith("wait-for-release-0", expect.objectContaining({ timeout: "600s", if: 'async.data.sourceId == "src_1"' }));
    expect(ctx.step.invoke).not.toHaveBeenCalled();
  });

  it("finishes a removal that died half-way before planning, when it took the source over from it", async () => {
    const finishRemoval = vi.fn(() => ({ documents: 4, vectors: 9 }));
    const { result } = await engine().execute({
      steps: [
        { id: "start-job", handler: () => ({ status: "started", jobId: "job_1", coalesced: 1, tookOver: "removal:1", resumeRemoval: true }) },
        { id: "finish-removal", handler: finishRemoval },
        { id: "plan", handler: () => ({ status: "failed", error: "boom", githubRequests: 0 }) },
        { id: "reconcile-vectors", handler: () => ({ ran: true, orphansDeleted: 0, documentsMissingVectors: 0 }) },
        { id: "finalize", handler: () => ({ summary: { ...summary, status: "failed" }, holder: true, workspaceId: "ws_1" }) },
        { id: "release", handler: () => ({ released: true, followUp: null }) },
        { id: "record-activity", handler: () => ({ ids: [] }) },
      ],
    });
    expect(finishRemoval).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ jobId: "job_1", status: "failed" });
  });

  it("finalizes a failed plan without fanning out", async () => {
    const finalize = vi.fn(() => ({ summary: { ...summary, status: "failed" }, holder: true, workspaceId: "ws_1" }));
    const { result, ctx } = await engine().execute({
      steps: [
        { id: "start-job", handler: () => ({ status: "started", jobId: "job_1", coalesced: 1, tookOver: null, resumeRemoval: false }) },
        { id: "plan", handler: () => ({ status: "failed", error: "tributary.yml:2:3: unknown key", githubRequests: 2 }) },
        { id: "reconcile-vectors", handler: () => ({ ran: false, orphansDeleted: 0, documentsMissingVectors: 0 }) },
        { id: "finalize", handler: finalize },
        { id: "release", handler: () => ({ released: true, followUp: null }) },
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
        { id: "start-job", handler: () => ({ status: "started", jobId: "job_1", coalesced: 1, tookOver: null, resumeRemoval: false }) },
        {
          id: "plan",
          handler: () => ({
            status: "planned",
            commit: "c1",
            filesSeen: 3,
            upsertBatches: ["bat_1"],
            deleteBatches: ["bat_2"],
            unchanged: 0,
            skipped: 0,
            githubRequests: 3,
          }),
        },
        { id: "fan-out", handler: () => ({ ids: ["e1", "e2"] }) },
        // The first check runs before the batches finish; they finish and signal before the wait
        // starts, so the wait times out (null) — and the next check sees them done.
        { id: "check-progress-0", handler: () => ({ done: 0, total: 2, lost: 0, superseded: false }) },
        { id: "check-progress-1", handler: () => ({ done: 2, total: 2, lost: 0, superseded: false }) },
        { id: "reconcile-vectors", handler: () => ({ ran: false, orphansDeleted: 0, documentsMissingVectors: 0 }) },
        { id: "finalize", handler: () => ({ summary, holder: true, workspaceId: "ws_1" }) },
        { id: "extract-relationships", handler: () => ({ documents: 3, edges: 1 }) },
        { id: "release", handler: () => ({ released: true, followUp: { requestId: "sreq_2", trigger: "push" } }) },
        { id: "record-activity", handler: () => ({ ids: [] }) },
      ],
    });
    expect(result).toMatchObject({ jobId: "job_1", status: "succeeded" });
    expect(waitForEvent).toHaveBeenCalledTimes(1);
    expect(waitForEvent).toHaveBeenCalledWith("wait-for-batches-0", expect.objectContaining({ if: 'async.data.jobId == "job_1"' }));
    // A push that arrived during the job gets its own run once the source is released.
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("record-activity", [
      expect.objectContaining({ name: "tributary/activity.recorded" }),
      // Recovery and the alert rules start from here.
      expect.objectContaining({ name: "tributary/job.finished", data: { sourceId: "src_1", jobId: "job_1", status: "succeeded", retryable: true } }),
      expect.objectContaining({ name: "tributary/source.released", data: { sourceId: "src_1" } }),
      expect.objectContaining({ name: "tributary/source.sync.requested", data: { sourceId: "src_1", requestId: "sreq_2", commit: null, trigger: "push" } }),
    ]);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("fan-out", [
      expect.objectContaining({ name: "tributary/job.contents.requested", data: { jobId: "job_1" } }),
      expect.objectContaining({ name: "tributary/documents.delete.requested", data: { jobId: "job_1", batchId: "bat_2" } }),
    ]);
  });
});
