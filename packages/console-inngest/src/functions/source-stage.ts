import type { TributaryInngest } from "../client";
import { batchesCompleted, batchReady, contentsRequested } from "../events";
import { failPendingBatches } from "../sync/complete-batch";
import type { SyncDeps } from "../sync/deps";
import { describeError, toInngestError } from "../sync/errors";
import { heartbeat, keepAlive } from "../sync/lease";
import { stageJobContents } from "../sync/stage";

// source.stage (the seed's github-adapter) — per job, after source.plan planned it.
// The id stays "github-adapter" so runs and idempotency keys in flight keep matching.
//   1. stage-contents: one tarball (large plans) or blobs (small) → blob_staging, content skips
//      recorded; each upsert batch is dispatched (one documents.process event) from inside the
//      step as soon as all of its files are staged, so chunking and embedding start while the
//      rest is read. A retried step sends those events again: idempotency on the batch id drops them.
//   2. dispatch-batches: the batches the step did not dispatch (item sources stage, then dispatch)
// If fetching never succeeds, onFailure fails the job's batches whose contents are not all
// staged (the others were dispatched) so the job still completes.
export function createSourceStage(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "github-adapter",
      name: "source.stage",
      triggers: [contentsRequested],
      // A job's contents are fetched once; a duplicate event must not download the tarball twice.
      idempotency: "event.data.jobId",
      // GitHub's secondary limits punish parallel tarball downloads: two at a time across sources.
      concurrency: [{ limit: 2 }],
      retries: 4,
      onFailure: async ({ event, error, step }) => {
        const jobId = event.data.event.data.jobId;
        const result = await step.run("fail-pending-batches", () => failPendingBatches(deps, jobId, `fetching contents failed: ${describeError(error)}`));
        if (result.ready.length > 0)
          await step.sendEvent(
            "dispatch-staged-batches",
            result.ready.map((batchId) => batchReady.create({ jobId, batchId })),
          );
        if (result.last) await step.sendEvent("signal-completion", batchesCompleted.create({ jobId }));
      },
    },
    async ({ event, step }) => {
      const { jobId } = event.data;
      const staged = await step.run("stage-contents", async () => {
        try {
          await heartbeat(deps, jobId, {});
          const dispatch = async (batchIds: string[]) => {
            await inngest.send(batchIds.map((batchId) => batchReady.create({ jobId, batchId })));
          };
          return await keepAlive(deps, jobId, {}, () => stageJobContents(deps, jobId, { onBatchesReady: dispatch }));
        } catch (error) {
          throw toInngestError(error);
        }
      });
      const dispatched = new Set(staged.dispatched);
      const undispatched = staged.upsertBatches.filter((batchId) => !dispatched.has(batchId));
      if (undispatched.length > 0) {
        await step.sendEvent(
          "dispatch-batches",
          undispatched.map((batchId) => batchReady.create({ jobId: event.data.jobId, batchId })),
        );
      }
      return { staged: staged.staged, skipped: staged.skipped, batches: staged.upsertBatches.length, githubRequests: staged.githubRequests };
    },
  );
}
