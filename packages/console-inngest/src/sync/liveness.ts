import { schema, type DbExecutor } from "@repo/console-db";
import { and, eq, inArray, max } from "drizzle-orm";

export interface LostBatch {
  id: string;
  reason: string;
}

interface JobClocks {
  fannedOutAt: Date | null;
  stagedAt: Date | null;
  workerHeartbeatAt: Date | null;
}

/**
 * Batches of a job whose runs ended without counting themselves (failed together with their
 * onFailure handler, cancelled, or lost with their executor). Every step working on a batch
 * renews its heartbeat, so silence means no run is working on it:
 * - a started batch is lost once its own heartbeat is older than `silenceMs`;
 * - contents not staged yet: lost once the job's workers (source.stage) have been silent that long;
 * - a batch never started may only be queued behind others (concurrency limits), so it is lost
 *   only when nothing anywhere has worked on a batch for `silenceMs`.
 */
export async function findLostBatches(db: DbExecutor, jobId: string, now: Date, silenceMs: number): Promise<LostBatch[]> {
  const [job] = await db
    .select({ fannedOutAt: schema.syncJobs.fannedOutAt, stagedAt: schema.syncJobs.stagedAt, workerHeartbeatAt: schema.syncJobs.workerHeartbeatAt })
    .from(schema.syncJobs)
    .where(eq(schema.syncJobs.id, jobId));
  if (!job?.fannedOutAt) return [];
  const open = await db
    .select({
      id: schema.syncBatches.id,
      kind: schema.syncBatches.kind,
      status: schema.syncBatches.status,
      startedAt: schema.syncBatches.startedAt,
      heartbeatAt: schema.syncBatches.heartbeatAt,
    })
    .from(schema.syncBatches)
    .where(and(eq(schema.syncBatches.jobId, jobId), inArray(schema.syncBatches.status, ["pending", "running"])));
  if (open.length === 0) return [];
  const [anywhere] = await db.select({ last: max(schema.syncBatches.heartbeatAt) }).from(schema.syncBatches);
  const silentSince = (at: Date | null | undefined) => !at || now.getTime() - at.getTime() > silenceMs;
  const queueStalled = silentSince(anywhere?.last ?? null);
  const minutes = Math.round(silenceMs / 60_000);

  const lost: LostBatch[] = [];
  for (const batch of open) {
    const reason = lostReason(batch, job, { silentSince, queueStalled });
    if (reason) lost.push({ id: batch.id, reason: `${reason} (no sign of life for ${minutes} min)` });
  }
  return lost;
}

function lostReason(
  batch: { kind: string; status: string; startedAt: Date | null; heartbeatAt: Date | null },
  job: JobClocks,
  clocks: { silentSince: (at: Date | null) => boolean; queueStalled: boolean },
): string | null {
  if (batch.status === "running") return clocks.silentSince(batch.heartbeatAt ?? batch.startedAt) ? "its run stopped without reporting" : null;
  if (batch.kind === "upsert" && !job.stagedAt) {
    return clocks.silentSince(job.workerHeartbeatAt ?? job.fannedOutAt) ? "fetching its contents stopped without reporting" : null;
  }
  const queuedSince = batch.kind === "upsert" ? job.stagedAt : job.fannedOutAt;
  return clocks.silentSince(queuedSince) && clocks.queueStalled ? "its run never started" : null;
}
