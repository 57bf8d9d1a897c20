import { schema, type Db } from "@repo/console-db";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { SyncTrigger } from "../events";
import { queueSyncRequest } from "../sync/requests";

export interface RetryRequest {
  sourceId: string;
  requestId: string;
  trigger: SyncTrigger;
  /** The same failed work was already re-sent: no new request, nothing to send. */
  duplicate: boolean;
}

/**
 * Re-sends a source's failed work through the normal sync request path (so the lease and the
 * ordering of syncs still hold): the next sync at the branch head re-processes exactly the files
 * the manifest holds as failed. Keyed by the failed job, so pressing "Retry failed" twice, or the
 * CLI and the console at once, queues one request.
 */
export async function queueRetryOfFailedWork(db: Db, sourceId: string, options: { trigger: SyncTrigger; now: Date }): Promise<RetryRequest | null> {
  const [lastJob] = await db
    .select({ id: schema.syncJobs.id, status: schema.syncJobs.status })
    .from(schema.syncJobs)
    .where(eq(schema.syncJobs.sourceId, sourceId))
    .orderBy(desc(schema.syncJobs.createdAt))
    .limit(1);
  const [failedDoc] = await db
    .select({ path: schema.documents.path })
    .from(schema.documents)
    .where(and(eq(schema.documents.sourceId, sourceId), eq(schema.documents.outcome, "failed")))
    .limit(1);
  const openLetters = await db
    .update(schema.deadLetters)
    .set({ retriedAt: options.now })
    .where(and(eq(schema.deadLetters.sourceId, sourceId), isNull(schema.deadLetters.resolvedAt)))
    .returning({ id: schema.deadLetters.id });
  const jobFailed = lastJob?.status === "failed" || lastJob?.status === "partial";
  if (!lastJob || (!failedDoc && openLetters.length === 0 && !jobFailed)) return null;
  const { requestId, duplicate } = await queueSyncRequest(db, { sourceId, commit: null, trigger: options.trigger, deliveryId: `retry:${lastJob.id}` });
  return { sourceId, requestId, trigger: options.trigger, duplicate };
}

/** Sources with work to retry: failed files in the manifest, or a last job that failed. */
export async function sourcesWithFailedWork(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ sourceId: schema.documents.sourceId })
    .from(schema.documents)
    .innerJoin(schema.sources, eq(schema.sources.id, schema.documents.sourceId))
    .where(and(eq(schema.documents.outcome, "failed"), eq(schema.sources.status, "active")));
  return rows.map((r) => r.sourceId);
}
