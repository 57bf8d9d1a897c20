import { schema, type Db } from "@repo/console-db";
import { NonRetriableError } from "inngest";
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { SyncTrigger } from "../events";
import { supersedeJob } from "./lease";

export interface SyncRequestInput {
  sourceId: string;
  /** A pushed sha; null syncs the branch head. */
  commit: string | null;
  trigger: SyncTrigger;
  deliveryId?: string | null;
  /** Item ids a webhook named (item sources re-read them whatever the cursor says). */
  recheck?: readonly string[];
}

/**
 * Queues a sync request. A push delivery is queued once however often its step re-runs
 * (unique source + delivery id); the caller then sends `tributary/source.sync.requested`.
 */
export async function queueSyncRequest(db: Db, input: SyncRequestInput): Promise<{ requestId: string; duplicate: boolean }> {
  const [inserted] = await db
    .insert(schema.syncRequests)
    .values({
      sourceId: input.sourceId,
      requestedSha: input.commit,
      trigger: input.trigger,
      deliveryId: input.deliveryId ?? null,
      ...(input.recheck?.length ? { recheck: [...input.recheck] } : {}),
    })
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

export type StartResult =
  /** This run holds the source now; `resumeRemoval` when the holder it took over was removing the source. */
  | { status: "started"; jobId: string; coalesced: number; tookOver: string | null; resumeRemoval: boolean }
  /** Another live job holds the source; it will take the pending requests when it ends. */
  | { status: "busy"; holder: string; expiresAt: string }
  /** Nothing pending: an earlier run took every request (they coalesced into its job). */
  | { status: "idle" }
  | { status: "removed" };

/**
 * Opens one job for every pending request of the source, under the source's lease. Idempotent
 * for one run (a retried step finds the job it opened). A live holder keeps the source (`busy`);
 * a holder whose lease expired is presumed dead: its job is superseded, the source is flagged for
 * a reconcile (the dead job may have left vectors the manifest does not list), and this run
 * continues its work even when no request is pending.
 */
export async function startJobForPendingRequests(db: Db, sourceId: string, runId: string, now: Date, leaseTtlMs: number): Promise<StartResult> {
  return db.transaction(async (tx) => {
    const [mine] = await tx
      .select({ id: schema.syncJobs.id })
      .from(schema.syncJobs)
      .where(and(eq(schema.syncJobs.sourceId, sourceId), eq(schema.syncJobs.runId, runId)));
    if (mine) {
      const taken = await tx.select({ id: schema.syncRequests.id }).from(schema.syncRequests).where(eq(schema.syncRequests.consumedByJobId, mine.id));
      return { status: "started", jobId: mine.id, coalesced: taken.length, tookOver: null, resumeRemoval: false };
    }
    const [source] = await tx.select().from(schema.sources).where(eq(schema.sources.id, sourceId)).for("update");
    if (!source) throw new NonRetriableError(`source ${sourceId} does not exist`);
    if (source.status === "removed") return { status: "removed" };

    let tookOver: string | null = null;
    let continueDeadJob = false;
    if (source.leaseHolder) {
      if (source.leaseExpiresAt && source.leaseExpiresAt > now) {
        return { status: "busy", holder: source.leaseHolder, expiresAt: source.leaseExpiresAt.toISOString() };
      }
      tookOver = source.leaseHolder;
      const [dead] = await tx.select({ status: schema.syncJobs.status }).from(schema.syncJobs).where(eq(schema.syncJobs.id, tookOver));
      // A removal, or a job that never finished, left work undone; a finished job only forgot to release.
      continueDeadJob = !dead || dead.status === "queued" || dead.status === "running";
      if (dead) {
        const silentSince = source.leaseExpiresAt ? new Date(source.leaseExpiresAt.getTime() - leaseTtlMs).toISOString() : "unknown";
        await supersedeJob(tx, tookOver, `superseded: no sign of life since ${silentSince}; a newer run took the source over`, now);
      }
    }

    const pending = await tx
      .select()
      .from(schema.syncRequests)
      .where(and(eq(schema.syncRequests.sourceId, sourceId), isNull(schema.syncRequests.consumedByJobId)))
      .orderBy(asc(schema.syncRequests.createdAt), asc(schema.syncRequests.id));
    const newest = pending.at(-1);
    if (!newest && !continueDeadJob) {
      if (tookOver) await tx.update(schema.sources).set({ leaseHolder: null, leaseExpiresAt: null }).where(eq(schema.sources.id, sourceId));
      return { status: "idle" };
    }

    const [job] = await tx
      .insert(schema.syncJobs)
      .values({
        sourceId,
        trigger: newest?.trigger ?? "reconcile",
        // A hint for display: every job syncs the branch head, so a late push never rolls back.
        requestedSha: newest?.requestedSha ?? null,
        baseCommit: source.syncedCommit,
        status: "running",
        runId,
        startedAt: now,
      })
      .returning({ id: schema.syncJobs.id });
    const jobId = job!.id;
    await tx
      .update(schema.sources)
      .set({ leaseHolder: jobId, leaseExpiresAt: new Date(now.getTime() + leaseTtlMs), ...(continueDeadJob ? { needsReconcile: true } : {}) })
      .where(eq(schema.sources.id, sourceId));
    if (pending.length > 0) {
      await tx
        .update(schema.syncRequests)
        .set({ consumedByJobId: jobId })
        .where(
          inArray(
            schema.syncRequests.id,
            pending.map((r) => r.id),
          ),
        );
    }
    // Contents staged by jobs that ended (or died) are never read again.
    await tx.delete(schema.blobStaging).where(
      inArray(
        schema.blobStaging.jobId,
        tx
          .select({ id: schema.syncJobs.id })
          .from(schema.syncJobs)
          .where(and(eq(schema.syncJobs.sourceId, sourceId), ne(schema.syncJobs.id, jobId))),
      ),
    );
    return { status: "started", jobId, coalesced: pending.length, tookOver, resumeRemoval: tookOver?.startsWith("removal:") ?? false };
  });
}
