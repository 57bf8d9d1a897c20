import { schema, type Db } from "@repo/console-db";
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { SyncTrigger } from "../events";

export interface SyncRequestInput {
  sourceId: string;
  /** A pushed sha; null syncs the branch head. */
  commit: string | null;
  trigger: SyncTrigger;
  deliveryId?: string | null;
}

/**
 * Queues a sync request. A push delivery is queued once however often its step re-runs
 * (unique source + delivery id); the caller then sends `tributary/source.sync.requested`.
 */
export async function queueSyncRequest(db: Db, input: SyncRequestInput): Promise<{ requestId: string; duplicate: boolean }> {
  const [inserted] = await db
    .insert(schema.syncRequests)
    .values({ sourceId: input.sourceId, requestedSha: input.commit, trigger: input.trigger, deliveryId: input.deliveryId ?? null })
    .onConflictDoNothing()
    .returning({ id: schema.syncRequests.id });
  if (inserted) return { requestId: inserted.id, duplicate: false };
  const [existing] = await db
    .select({ id: schema.syncRequests.id })
    .from(schema.syncRequests)
    .where(and(eq(schema.syncRequests.sourceId, input.sourceId), eq(schema.syncRequests.deliveryId, input.deliveryId ?? "")));
  if (!existing) throw new Error(`sync request for ${input.sourceId} was neither inserted nor found`);
  return { requestId: existing.id, duplicate: true };
}

export interface StartedJob {
  jobId: string;
  /** How many queued requests this job answers. */
  coalesced: number;
}

/**
 * Opens one job for every pending request of the source: a lone request's sha, or the branch head. Returns null
 * when an earlier run already took them all (its requests coalesced into that run). Idempotent
 * for one run: a retried step finds the job it opened before.
 */
export async function startJobForPendingRequests(db: Db, sourceId: string, runId: string): Promise<StartedJob | null> {
  return db.transaction(async (tx) => {
    const [mine] = await tx
      .select({ id: schema.syncJobs.id })
      .from(schema.syncJobs)
      .where(and(eq(schema.syncJobs.sourceId, sourceId), eq(schema.syncJobs.runId, runId)));
    if (mine) {
      const taken = await tx.select({ id: schema.syncRequests.id }).from(schema.syncRequests).where(eq(schema.syncRequests.consumedByJobId, mine.id));
      return { jobId: mine.id, coalesced: taken.length };
    }
    const pending = await tx
      .select()
      .from(schema.syncRequests)
      .where(and(eq(schema.syncRequests.sourceId, sourceId), isNull(schema.syncRequests.consumedByJobId)))
      .orderBy(asc(schema.syncRequests.createdAt), asc(schema.syncRequests.id))
      .for("update");
    const newest = pending.at(-1);
    if (!newest) return null;

    // Runs of one source never overlap (concurrency key), so an open job of another run belongs
    // to a run that died (a killed CLI, a lost executor): close it rather than leave it "running".
    await tx
      .update(schema.syncJobs)
      .set({ status: "cancelled", error: "superseded: the run that owned this job stopped", finishedAt: new Date() })
      .where(and(eq(schema.syncJobs.sourceId, sourceId), inArray(schema.syncJobs.status, ["queued", "running"]), ne(schema.syncJobs.runId, runId)));

    const [source] = await tx.select({ syncedCommit: schema.sources.syncedCommit }).from(schema.sources).where(eq(schema.sources.id, sourceId));
    const [job] = await tx
      .insert(schema.syncJobs)
      .values({
        sourceId,
        trigger: newest.trigger,
        // Pushes handled concurrently may be queued out of order, so several requests sync the
        // branch head, which is at least as new as any of them.
        requestedSha: pending.length === 1 ? newest.requestedSha : null,
        baseCommit: source?.syncedCommit ?? null,
        status: "running",
        runId,
        startedAt: new Date(),
      })
      .returning({ id: schema.syncJobs.id });
    await tx
      .update(schema.syncRequests)
      .set({ consumedByJobId: job!.id })
      .where(inArray(schema.syncRequests.id, pending.map((r) => r.id)));
    return { jobId: job!.id, coalesced: pending.length };
  });
}
