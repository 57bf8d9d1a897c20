import type { TributaryInngest } from "../client";
import { syncRequested } from "../events";
import { sourcesDueForSync } from "../sync/catalog";
import type { SyncDeps } from "../sync/deps";
import { queueSyncRequest } from "../sync/requests";
import { sweepStaging } from "../sync/stage";

export const DEFAULT_SCHEDULE_CRON = "0 * * * *";

// schedule.sync — heals missed webhooks: every source not synced within its interval is re-checked.
//   1. sweep-staging (contents of jobs that died)  2. find-due-sources  3. queue-syncs  4. request-syncs
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
      const due = await step.run("find-due-sources", async () => (await sourcesDueForSync(deps.db, new Date())).map((s) => s.id));
      if (due.length === 0) return { requested: 0 };
      const requests = await step.run("queue-syncs", () =>
        Promise.all(due.map(async (sourceId) => ({ sourceId, ...(await queueSyncRequest(deps.db, { sourceId, commit: null, trigger: "schedule" })) }))),
      );
      await step.sendEvent(
        "request-syncs",
        requests.map((r) => syncRequested.create({ sourceId: r.sourceId, requestId: r.requestId, commit: null, trigger: "schedule" })),
      );
      return { requested: requests.length };
    },
  );
}
