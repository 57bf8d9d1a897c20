import type { TributaryInngest } from "../client";
import { syncRequested } from "../events";
import { checkSourceHeads } from "../sync/check-heads";
import type { SyncDeps } from "../sync/deps";
import { nowOf } from "../sync/lease";
import { sourcesDueForSync } from "../sync/schedule";
import { sweepStaging } from "../sync/stage";

/**
 * Every 5 minutes: the shortest per-source interval, so no source waits longer than its interval
 * plus one tick, at 288 runs a day (a per-minute tick would cost 1,440 Inngest runs a day).
 */
export const DEFAULT_SCHEDULE_CRON = "*/5 * * * *";

// schedule.sync — per-source schedules; heals missed webhooks.
//   1. sweep-staging (contents of jobs that died)
//   2. find-due-sources: interval (tributary.yml or setting) minus jitter since the last sync or
//      check, skipping sources a live sync holds
//   3. check-heads: one ref lookup each; an unmoved head costs no job, the others queue a sync
//   4. request-syncs
export function createScheduleSync(inngest: TributaryInngest, deps: SyncDeps, options: { cron?: string } = {}) {
  return inngest.createFunction(
    {
      id: "schedule-sync",
      name: "schedule.sync",
      triggers: [{ cron: options.cron ?? DEFAULT_SCHEDULE_CRON }],
      // A slow tick must not overlap the next one and queue everything twice.
      concurrency: [{ limit: 1 }],
      retries: 2,
    },
    async ({ step }) => {
      await step.run("sweep-staging", () => sweepStaging(deps.db));
      const due = await step.run("find-due-sources", async () => (await sourcesDueForSync(deps.db, nowOf(deps))).map((s) => s.id));
      if (due.length === 0) return { due: 0, unchanged: 0, requested: 0 };
      const checked = await step.run("check-heads", async () => checkSourceHeads(deps, await sourcesDueForSync(deps.db, nowOf(deps), due)));
      if (checked.queued.length > 0) {
        await step.sendEvent(
          "request-syncs",
          checked.queued.map((r) => syncRequested.create({ sourceId: r.sourceId, requestId: r.requestId, commit: null, trigger: "schedule" })),
        );
      }
      return { due: due.length, unchanged: checked.unchanged.length, requested: checked.queued.length };
    },
  );
}
