import type { TributaryInngest } from "../client";
import { activityRecorded, batchesCompleted, contentsRequested, deleteRequested, syncRequested } from "../events";
import { workspaceOfSource } from "../sync/context";
import { jobProgress } from "../sync/complete-batch";
import type { SyncDeps } from "../sync/deps";
import { describeError } from "../sync/errors";
import { finalizeJob } from "../sync/finalize";
import type { PlanResult } from "../sync/plan";
import { startJobForPendingRequests } from "../sync/requests";
import { clearStaging } from "../sync/stage";
import type { createGithubSync } from "./github-sync";
import type { createRelationshipsExtract } from "./relationships-extract";

/**
 * Each wait is bounded so a completion event lost to the race between check and wait costs one
 * re-check, not the job; waits start short (a fast sync loses seconds at most) and grow to 2 min.
 */
const waitTimeout = (round: number) => `${Math.min(120, 5 * 2 ** round)}s`;
/** 2 steps a round keeps the run far below Inngest's 1,000 steps (~13 h of waiting). */
const MAX_WAIT_ROUNDS = 400;

// source.sync — the orchestrator, one run per source at a time.
//   1. start-job: take every pending request of the source (coalescing), open one job
//   2. invoke github.sync: plan (commit, tree, config, diff) persisted as batches
//   3. fan-out: one event for contents (github-adapter → documents.process per batch) and one per delete batch
//   4. check-progress / wait-for-batches: truthful completion (state checked before every wait)
//   5. finalize: exact counts, status, synced commit only if everything succeeded
//   6. invoke relationships.extract, clear-staging, record activity
export function createSourceSync(
  inngest: TributaryInngest,
  deps: SyncDeps,
  refs: { githubSync: ReturnType<typeof createGithubSync>; relationshipsExtract: ReturnType<typeof createRelationshipsExtract> },
) {
  return inngest.createFunction(
    {
      id: "source-sync",
      name: "source.sync",
      triggers: [syncRequested],
      // One sync per source: requests that arrive meanwhile queue up and coalesce in start-job.
      concurrency: [{ key: "event.data.sourceId", limit: 1 }],
      // Steps are idempotent; a few retries ride out database or executor hiccups.
      retries: 3,
    },
    async ({ event, step, runId }) => {
      const started = await step.run("start-job", () => startJobForPendingRequests(deps.db, event.data.sourceId, runId));
      if (!started) return { status: "coalesced" as const };
      const { jobId } = started;

      let planError: string | undefined;
      let plan: PlanResult | undefined;
      try {
        plan = await step.invoke("plan", { function: refs.githubSync, data: { jobId } });
        if (plan.status === "failed") planError = plan.error;
      } catch (error) {
        planError = describeError(error);
      }

      if (plan?.status === "planned" && plan.upsertBatches.length + plan.deleteBatches.length > 0) {
        await step.sendEvent("fan-out", [
          ...(plan.upsertBatches.length > 0 ? [contentsRequested.create({ jobId })] : []),
          ...plan.deleteBatches.map((batchId) => deleteRequested.create({ jobId, batchId })),
        ]);
        let done = false;
        for (let round = 0; round < MAX_WAIT_ROUNDS && !done; round++) {
          const progress = await step.run(`check-progress-${round}`, () => jobProgress(deps.db, jobId));
          done = progress.done >= progress.total;
          if (!done) {
            await step.waitForEvent(`wait-for-batches-${round}`, { event: batchesCompleted, timeout: waitTimeout(round), if: `async.data.jobId == "${jobId}"` });
          }
        }
        if (!done) planError = `timed out waiting for ${plan.upsertBatches.length + plan.deleteBatches.length} batches`;
      }

      const { summary, workspaceId } = await step.run("finalize", async () => ({
        summary: await finalizeJob(deps.db, jobId, planError),
        workspaceId: await workspaceOfSource(deps.db, event.data.sourceId),
      }));
      if (plan?.status === "planned") {
        await step.invoke("extract-relationships", { function: refs.relationshipsExtract, data: { jobId } });
      }
      await step.run("clear-staging", () => clearStaging(deps.db, jobId));
      await step.sendEvent(
        "record-activity",
        activityRecorded.create({
          workspaceId,
          actor: "system",
          action: `sync.${summary.status}`,
          subjectType: "source",
          subjectId: event.data.sourceId,
          data: { jobId, commit: summary.commit, files: summary.files, trigger: event.data.trigger },
        }),
      );
      return { jobId, ...summary };
    },
  );
}
