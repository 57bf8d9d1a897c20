import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { unitInngest, unusedDeps } from "../testing/unit";
import { createDocumentsDelete } from "./documents-delete";
import { createDocumentsProcess } from "./documents-process";
import { createSourceStage } from "./source-stage";

const deps = unusedDeps();
const embedded = { chunksTotal: 4, embedded: 3, reused: 1, requests: 1, failed: [] };
const indexed = { indexed: 2, failed: 0, skipped: 0, vectorsUpserted: 4, vectorsDeleted: 0 };

describe("documents.process", () => {
  const fn = createDocumentsProcess(unitInngest, deps);
  const event = { name: "tributary/batch.ready", data: { jobId: "job_1", batchId: "bat_1" } };
  it("signals completion when it finishes the job's last batch", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: fn, events: [event] }).execute({
      steps: [
        { id: "embed-and-index", handler: () => ({ embedded, indexed }) },
        { id: "complete-batch", handler: () => ({ jobId: "job_1", last: true, alreadyDone: false }) },
        { id: "signal-completion", handler: () => ({ ids: ["e1"] }) },
      ],
    });
    expect(result).toMatchObject({ indexed: 2, chunks: 4, embedded: 3 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith(
      "signal-completion",
      expect.objectContaining({ name: "tributary/job.batches.completed", data: { jobId: "job_1" } }),
    );
  });
  it("stays quiet when other batches are still running", async () => {
    const { ctx } = await new InngestTestEngine({ function: fn, events: [event] }).execute({
      steps: [
        { id: "embed-and-index", handler: () => ({ embedded, indexed }) },
        { id: "complete-batch", handler: () => ({ jobId: "job_1", last: false, alreadyDone: false }) },
      ],
    });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });
  it("parks in step.sleep while the provider's budget is spent, then embeds and indexes", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: fn, events: [event] }).execute({
      steps: [
        { id: "embed-and-index", handler: () => ({ deferMs: 41_200 }) },
        { id: "wait-for-budget-0", handler: () => null },
        { id: "embed-and-index-1", handler: () => ({ deferMs: 800.5 }) },
        { id: "wait-for-budget-1", handler: () => null },
        { id: "embed-and-index-2", handler: () => ({ embedded, indexed }) },
        { id: "complete-batch", handler: () => ({ jobId: "job_1", last: false, alreadyDone: false }) },
      ],
    });
    expect(result).toMatchObject({ indexed: 2, chunks: 4, embedded: 3 });
    // The waits the budget named, rounded up to whole seconds; no slot is held while sleeping.
    expect(ctx.step.sleep).toHaveBeenNthCalledWith(1, "wait-for-budget-0", "42s");
    expect(ctx.step.sleep).toHaveBeenNthCalledWith(2, "wait-for-budget-1", "1s");
    expect(ctx.step.sleep).toHaveBeenCalledTimes(2);
    expect(ctx.step.run).not.toHaveBeenCalledWith("embed-and-index-3", expect.anything());
  });
});

describe("github-adapter", () => {
  it("dispatches one documents.process event per staged upsert batch", async () => {
    const fn = createSourceStage(unitInngest, deps);
    const { result, ctx } = await new InngestTestEngine({
      function: fn,
      events: [{ name: "tributary/job.contents.requested", data: { jobId: "job_1" } }],
    }).execute({
      steps: [
        { id: "stage-contents", handler: () => ({ staged: 30, skipped: 2, upsertBatches: ["bat_1", "bat_2"], githubRequests: 1 }) },
        { id: "dispatch-batches", handler: () => ({ ids: ["e1", "e2"] }) },
      ],
    });
    expect(result).toEqual({ staged: 30, skipped: 2, batches: 2, githubRequests: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("dispatch-batches", [
      expect.objectContaining({ data: { jobId: "job_1", batchId: "bat_1" } }),
      expect.objectContaining({ data: { jobId: "job_1", batchId: "bat_2" } }),
    ]);
  });
});

describe("documents.delete", () => {
  const fn = createDocumentsDelete(unitInngest, deps);
  it("removes a whole source, then hands it to the sync that waited for the removal", async () => {
    const { result, ctx } = await new InngestTestEngine({
      function: fn,
      events: [{ name: "tributary/documents.delete.requested", data: { sourceId: "src_1", connection: 2 } }],
    }).execute({
      steps: [
        { id: "delete-source-documents", handler: () => ({ documents: 5, vectors: 12, released: true, followUp: { requestId: "r9", trigger: "connect" } }) },
        { id: "hand-over", handler: () => ({ ids: ["e1", "e2"] }) },
      ],
    });
    expect(result).toEqual({ documents: 5, vectors: 12 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("hand-over", [
      expect.objectContaining({ name: "tributary/source.released", data: { sourceId: "src_1" } }),
      expect.objectContaining({ name: "tributary/source.sync.requested", data: { sourceId: "src_1", requestId: "r9", commit: null, trigger: "connect" } }),
    ]);
  });
  it("ignores a source removal without its connection (it could clear a newer connection)", async () => {
    const { result } = await new InngestTestEngine({
      function: fn,
      events: [{ name: "tributary/documents.delete.requested", data: { sourceId: "src_1" } }],
    }).execute();
    expect(result).toEqual({ ignored: "a source removal needs its connection number" });
  });
  it("deletes a batch and signals when it was the last", async () => {
    const { ctx } = await new InngestTestEngine({
      function: fn,
      events: [{ name: "tributary/documents.delete.requested", data: { jobId: "job_1", batchId: "bat_9" } }],
    }).execute({
      steps: [
        { id: "delete-documents", handler: () => ({ deleted: 2, vectors: 6, seq: 9 }) },
        { id: "complete-batch", handler: () => ({ jobId: "job_1", last: true, alreadyDone: false }) },
        { id: "signal-completion", handler: () => ({ ids: ["e1"] }) },
      ],
    });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("signal-completion", expect.objectContaining({ data: { jobId: "job_1" } }));
  });
  it("refuses an event that names neither a source nor a batch", async () => {
    const { result } = await new InngestTestEngine({
      function: fn,
      events: [{ name: "tributary/documents.delete.requested", data: { jobId: "job_1" } }],
    }).execute();
    expect(result).toEqual({ ignored: "an event needs a sourceId, or a jobId with a batchId" });
  });
});
