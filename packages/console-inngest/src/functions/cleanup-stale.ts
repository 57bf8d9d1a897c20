import { schema } from "@repo/console-db";
import { eq } from "drizzle-orm";
import type { TributaryInngest } from "../client";
import { cleanupRequested } from "../events";
import type { SyncDeps } from "../sync/deps";
import { sweepRetention } from "../sync/retention";

/** Daily, at a quiet hour (UTC). */
export const DEFAULT_CLEANUP_CRON = "17 3 * * *";

// cleanup.stale (daily) — workspace-wide retention, then one reconcile per active source.
//   1. sweep-retention: ended staging, embedding cache beyond its cap, old requests and activity
//   2. find-sources  3. request-cleanups (source-cleanup runs each under the source's lease)
export function createCleanupStale(inngest: TributaryInngest, deps: SyncDeps, options: { cron?: string } = {}) {
  return inngest.createFunction(
    {
      id: "cleanup-stale",
      name: "cleanup.stale (daily)",
      triggers: [{ cron: options.cron ?? DEFAULT_CLEANUP_CRON }],
      concurrency: [{ limit: 1 }],
      retries: 2,
    },
    async ({ step }) => {
      const swept = await step.run("sweep-retention", () => sweepRetention(deps));
      const sources = await step.run("find-sources", async () =>
        (await deps.db.select({ id: schema.sources.id }).from(schema.sources).where(eq(schema.sources.status, "active"))).map((s) => s.id),
      );
      if (sources.length > 0) {
        await step.sendEvent(
          "request-cleanups",
          sources.map((sourceId) => cleanupRequested.create({ sourceId, actor: "schedule" })),
        );
      }
      return { swept, sources: sources.length };
    },
  );
}
