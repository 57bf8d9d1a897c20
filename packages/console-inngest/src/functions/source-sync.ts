import type { TributaryInngest } from "../client";
import { activityRecorded, batchesCompleted, jobFinished, contentsRequested, deleteRequested, sourceReleased, syncRequested } from "../events";
import { checkJobProgress } from "../sync/complete-batch";
import { workspaceOfSource } from "../sync/context";
import type { SyncDeps } from "../sync/deps";
import { clearSourceIndex } from "../sync/delete-documents";
import { describeError, errorCodeOf, isNonRetriable } from "../sync/errors";
import { finalizeJob } from "../sync/finalize";
import { maintainVectorIndex } from "../sync/vector-index";
import { failOrchestratorRun, nowOf, releaseSource, timingOf } from "../sync/lease";
import type { PlanResult } from "../sync/plan";
import { reconcileSourceVectors } from "../sync/reconcile";
import { startJobForPendingRequests, type StartResult } from "../sync/requests";
import type { createSourcePlan } from "./source-plan";
import type { createRelationshipsExtract } from "./relationships-extract";

/**
 * Each wait is bounded so a completion event lost to the race between check and wait costs one
 * re-check, not the job; waits start short (a fast sync loses seconds at most) and grow to a
 * minute, so a lost batch is noticed within its silence limit plus one minute.
 */
const waitTimeout = (round: number) => `${Math.min(60, 5 * 2 ** round)}s`;
/** 2 steps a round keeps the run far below Inngest's 1,000 steps (~6 h of waiting). */
const MAX_WAIT_ROUNDS = 400;
/** Waiting for another job to release the source; each round lasts until its lease would expire. */
const MAX_LEASE_ROUNDS = 60;

// source.sync — the orchestrator. One job per source at a time, by the lease in the source row
// (Inngest's `concurrency` cannot promise it: a run parked in a wait holds no slot).
//   1. start-job: take the lease and every pending request (coalescing); while another live job
//      holds the source, wait for its release (it takes our requests with it) or its lease expiry
//   2. finish-removal: only after taking over a removal that died half-way
//   3. invoke source.plan: plan the branch head (commit, tree, config, diff) as batches
//   4. fan-out, then check-progress / wait-for-batches: truthful completion; lost batches fail
//   5. reconcile-vectors: only when the source is flagged (a holder died or was superseded)
//   6. finalize: exact counts and status; synced commit only if everything succeeded under the lease
//   7. invoke relationships.extract
//   8. release: the lease and the staged contents; a request that arrived meanwhile gets a follow-up run
export function createSourceSync(
  inngest: TributaryInngest,
  deps: SyncDeps,
  refs: { sourcePlan: ReturnType<typeof createSourcePlan>; relationshipsExtract: ReturnType<typeof createRelationshipsExtract> },
) {
  return inngest.createFunction(
    {
      id: "source-sync",
      name: "source.sync",
      triggers: [syncRequested],
      // Not for exclusion (the lease does that): keeps one source's steps from crowding the executor.
      concurrency: [{ key: "event.data.sourceId", limit: 1 }],
      // Steps are idempotent; a few retries ride out database or executor hiccups.
      retries: 3,
      onFailure: async ({ event, error, step }) => {
        const { sourceId } = event.data.event.data;
        const result = await step.run("fail-job", () => failOrchestratorRun(deps, sourceId, event.data.run_id, describeError(error)));
        const handOver = [
          ...(result.released ? [sourceReleased.create({ sourceId })] : []),
          ...(result.followUp
            ? [syncRequested.create({ sourceId, requestId: result.followUp.requestId, commit: null, trigger: result.followUp.trigger })]
            : []),
        ];
        if (handOver.length > 0) await step.sendEvent("hand-over", handOver);
      },
    },
    async ({ event, step, runId }) => {
      const { sourceId } = event.data;
      let started: StartResult | undefined;
      for (let round = 0; round < MAX_LEASE_ROUNDS; round++) {
        const attempt = await step.run(round === 0 ? "start-job" : `start-job-${round}`, async () => {
          const now = nowOf(deps);
          const result = await startJobForPendingRequests(deps.db, sourceId, runId, now, timingOf(deps).leaseTtlMs);
          return result.status === "busy" ? { ...result, waitMs: Math.max(1000, Date.parse(result.expiresAt) - now.getTime() + 1000) } : result;
        });
        if (attempt.status !== "busy") {
          started = attempt;
          break;
        }
        await step.waitForEvent(`wait-for-release-${round}`, {
          event: sourceReleased,
          timeout: `${Math.ceil(attempt.waitMs / 1000)}s`,
          if: `async.data.sourceId == "${sourceId}"`,
        });
      }
      if (started?.status !== "started") return { status: started?.status === "removed" ? ("removed" as const) : ("coalesced" as const) };
      const { jobId } = started;

      if (started.resumeRemoval) await step.run("finish-removal", () => clearSourceIndex(deps, sourceId, jobId));

      let planError: string | undefined;
      let planErrorCode: string | null = null;
      // An invalid tributary.yml or a NonRetriableError (bad credentials, unknown branch) will fail again.
      let planRetryable = true;
      let plan: PlanResult | undefined;
      try {
        plan = await step.invoke("plan", { function: refs.sourcePlan, data: { jobId } });
        if (plan.status === "failed") {
          planError = plan.error;
          planErrorCode = plan.errorCode;
          planRetryable = false;
        }
      } catch (error) {
        planError = describeError(error);
        planErrorCode = errorCodeOf(error);
        planRetryable = !isNonRetriable(error);
      }

      if (plan?.status === "planned" && plan.upsertBatches.length + plan.deleteBatches.length > 0) {
        await step.sendEvent("fan-out", [
          ...(plan.upsertBatches.length > 0 ? [contentsRequested.create({ jobId })] : []),
          ...plan.deleteBatches.map((batchId) => deleteRequested.create({ jobId, batchId })),
        ]);
        let done = false;
        for (let round = 0; round < MAX_WAIT_ROUNDS && !done; round++) {
          const progress = await step.run(`check-progress-${round}`, () => checkJobProgress(deps, jobId));
          done = progress.done >= progress.total || progress.superseded;
          if (!done) {
            await step.waitForEvent(`wait-for-batches-${round}`, {
              event: batchesCompleted,
              timeout: waitTimeout(round),
              if: `async.data.jobId == "${jobId}"`,
            });
          }
        }
        if (!done) planError = `timed out waiting for ${plan.upsertBatches.length + plan.deleteBatches.length} batches`;
      }

      await step.run("reconcile-vectors", async () => {
        const reconciled = await reconcileSourceVectors(deps, jobId);
        await maintainVectorIndex(deps, jobId);
        return reconciled;
      });
      const { summary, holder, workspaceId } = await step.run("finalize", async () => ({
        ...(await finalizeJob(deps, jobId, planError, planErrorCode)),
        workspaceId: await workspaceOfSource(deps.db, sourceId),
      }));
      if (plan?.status === "planned" && holder) {
        await step.invoke("extract-relationships", { function: refs.relationshipsExtract, data: { jobId } });
      }
      const release = await step.run("release", () => releaseSource(deps.db, sourceId, jobId));
      await step.sendEvent("record-activity", [
        activityRecorded.create({
          workspaceId,
          actor: "system",
          action: `sync.${summary.status}`,
          subjectType: "source",
          subjectId: sourceId,
          data: { jobId, commit: summary.commit, files: summary.files, trigger: event.data.trigger },
        }),
        jobFinished.create({ sourceId, jobId, status: summary.status, retryable: planRetryable }),
        ...(release.released ? [sourceReleased.create({ sourceId })] : []),
        ...(release.followUp
          ? [syncRequested.create({ sourceId, requestId: release.followUp.requestId, commit: null, trigger: release.followUp.trigger })]
          : []),
      ]);
      return { jobId, ...summary };
    },
  );
}
