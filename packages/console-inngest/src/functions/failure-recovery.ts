import type { TributaryInngest } from "../client";
import { alertsEvaluate, jobFinished, syncRequested } from "../events";
import { raiseAlert } from "../alerts/store";
import { resolveDeadLetters } from "../recovery/dead-letters";
import { DEFAULT_RECOVERY, isLatestJob, planRecovery } from "../recovery/plan-recovery";
import { queueRetryOfFailedWork } from "../recovery/retry-failed";
import { workspaceOfSource } from "../sync/context";
import type { SyncDeps } from "../sync/deps";
import { nowOf } from "../sync/lease";

// failure.recovery — after every job: re-queue a partial job's failed files with bounded backoff.
//   1. plan: success resolves the source's dead letters; a partial job with retryable failures
//      gets its next recovery (at most delaysMs.length in a row); what retrying cannot fix alerts
//   2. evaluate-alerts (always: the job may open or close an alert)
//   3. backoff (step.sleep), then queue-recovery through the normal sync request path, so the
//      lease and the order of syncs hold; the sync at head re-processes exactly the failed files
export function createFailureRecovery(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "failure-recovery",
      name: "failure.recovery",
      triggers: [jobFinished],
      idempotency: "event.data.jobId",
      retries: 3,
    },
    async ({ event, step }) => {
      const { sourceId, jobId } = event.data;
      const plan = await step.run("plan", async () => {
        const now = nowOf(deps);
        if (event.data.status === "succeeded") await resolveDeadLetters(deps.db, sourceId, now);
        const planned = await planRecovery(deps.db, event.data, deps.recovery ?? DEFAULT_RECOVERY);
        if (planned.action === "alert") {
          await raiseAlert(deps.db, {
            workspaceId: await workspaceOfSource(deps.db, sourceId),
            sourceId,
            kind: planned.kind,
            severity: "critical",
            message: planned.message,
            data: { jobId },
          });
        }
        return planned;
      });
      await step.sendEvent("evaluate-alerts", alertsEvaluate.create({ sourceId }));
      if (plan.action !== "retry") return plan;

      await step.sleep("backoff", plan.delayMs);
      const request = await step.run("queue-recovery", async () => {
        if (!(await isLatestJob(deps.db, sourceId, jobId))) return null;
        return queueRetryOfFailedWork(deps.db, sourceId, { trigger: "recovery", now: nowOf(deps) });
      });
      if (!request || request.duplicate) return { ...plan, queued: false };
      await step.sendEvent("request-recovery-sync", syncRequested.create({ sourceId, requestId: request.requestId, commit: null, trigger: "recovery" }));
      return { ...plan, queued: true };
    },
  );
}
