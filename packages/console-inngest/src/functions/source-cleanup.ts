import type { TributaryInngest } from "../client";
import { activityRecorded, cleanupRequested, sourceReleased, syncRequested } from "../events";
import { cleanupSourceIndex } from "../sync/cleanup-source";
import { workspaceOfSource } from "../sync/context";
import type { SyncDeps } from "../sync/deps";
import { nowOf, releaseSource, takeIdleSource, timingOf, type ReleaseResult } from "../sync/lease";
import { raiseAlert, resolveAlert, type AlertKind } from "../alerts/store";

export const CLEANUP_REFUSED_ALERT: AlertKind = "cleanup-refused";

const holderOf = (runId: string) => `cleanup:${runId}`;

function handOver(sourceId: string, release: ReleaseResult) {
  return [
    ...(release.released ? [sourceReleased.create({ sourceId })] : []),
    ...(release.followUp ? [syncRequested.create({ sourceId, requestId: release.followUp.requestId, commit: null, trigger: release.followUp.trigger })] : []),
  ];
}

// cleanup.stale (one source) — removes what the index holds beyond the source's synced commit.
//   1. take-source: the source's lease, only when no sync holds it (never overlaps a sync)
//   2. reconcile-index: list the tree, delete stale documents, orphan vectors, ended staging
//   3. raise-alert (a refused mass deletion) or resolve-alert (a clean run)
//   4. release: the lease; a sync requested meanwhile gets its run
export function createSourceCleanup(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "source-cleanup",
      name: "cleanup.stale",
      triggers: [cleanupRequested],
      concurrency: [{ key: "event.data.sourceId", limit: 1 }],
      retries: 2,
      onFailure: async ({ event, step }) => {
        const { sourceId } = event.data.event.data;
        const release = await step.run("release", () => releaseSource(deps.db, sourceId, holderOf(event.data.run_id)));
        const events = handOver(sourceId, release);
        if (events.length > 0) await step.sendEvent("hand-over", events);
      },
    },
    async ({ event, step, runId }) => {
      const { sourceId, force, actor } = event.data;
      const holder = holderOf(runId);
      const taken = await step.run("take-source", () => takeIdleSource(deps.db, sourceId, holder, nowOf(deps), timingOf(deps).leaseTtlMs));
      if (!taken.taken) return { status: "skipped" as const, reason: taken.reason };

      const result = await step.run("reconcile-index", () => cleanupSourceIndex(deps, sourceId, holder, { force: force ?? false }));
      const workspaceId = await step.run("record-outcome", async () => {
        const workspaceId = await workspaceOfSource(deps.db, sourceId);
        if (result.status === "refused") {
          await raiseAlert(deps.db, {
            workspaceId,
            sourceId,
            kind: CLEANUP_REFUSED_ALERT,
            severity: "warning",
            message: `cleanup refused: ${result.reason}`,
            data: { ...result },
          });
        } else {
          await resolveAlert(deps.db, sourceId, CLEANUP_REFUSED_ALERT, nowOf(deps));
        }
        return workspaceId;
      });
      const release = await step.run("release", () => releaseSource(deps.db, sourceId, holder));
      await step.sendEvent("record-activity", [
        activityRecorded.create({ workspaceId, actor, action: `cleanup.${result.status}`, subjectType: "source", subjectId: sourceId, data: { ...result } }),
        ...handOver(sourceId, release),
      ]);
      return result;
    },
  );
}
