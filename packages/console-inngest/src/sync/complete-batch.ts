import { schema, type Db } from "@repo/console-db";
import { and, eq, inArray, sql } from "drizzle-orm";
import { loadJobContext } from "./context";
import { recordFailures } from "./outcomes";

export interface BatchCounts {
  filesIndexed?: number;
  filesDeleted?: number;
  filesFailed?: number;
  chunksTotal?: number;
  chunksEmbedded?: number;
  chunksReused?: number;
  requestsEmbedding?: number;
}

/**
 * Marks a batch finished and counts it into its job, once: a re-run finds the batch terminal and
 * changes nothing. Returns whether this call finished the job's last batch, so exactly one
 * caller signals completion.
 */
export async function completeBatch(db: Db, batchId: string, outcome: { status: "succeeded" | "failed"; error?: string; counts?: BatchCounts }): Promise<{ jobId: string; last: boolean; alreadyDone: boolean }> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .update(schema.syncBatches)
      .set({ status: outcome.status, error: outcome.error ?? null, finishedAt: new Date(), ...outcome.counts })
      .where(and(eq(schema.syncBatches.id, batchId), inArray(schema.syncBatches.status, ["pending", "running"])))
      .returning({ jobId: schema.syncBatches.jobId });
    if (!batch) {
      const [existing] = await tx.select({ jobId: schema.syncBatches.jobId }).from(schema.syncBatches).where(eq(schema.syncBatches.id, batchId));
      if (!existing) throw new Error(`batch ${batchId} does not exist`);
      return { jobId: existing.jobId, last: false, alreadyDone: true };
    }
    const failed = outcome.status === "failed" ? 1 : 0;
    const [job] = await tx
      .update(schema.syncJobs)
      .set({
        batchesDone: sql`${schema.syncJobs.batchesDone} + 1`,
        batchesFailed: sql`${schema.syncJobs.batchesFailed} + ${failed}`,
      })
      .where(eq(schema.syncJobs.id, batch.jobId))
      .returning({ done: schema.syncJobs.batchesDone, total: schema.syncJobs.batchesTotal });
    return { jobId: batch.jobId, last: job !== undefined && job.done >= job.total, alreadyDone: false };
  });
}

/** Marks a batch as started (for progress and the console); harmless when repeated. */
export async function markBatchRunning(db: Db, batchId: string): Promise<void> {
  await db
    .update(schema.syncBatches)
    .set({ status: "running", startedAt: new Date(), attempts: sql`${schema.syncBatches.attempts} + 1` })
    .where(and(eq(schema.syncBatches.id, batchId), eq(schema.syncBatches.status, "pending")));
}

export async function jobProgress(db: Db, jobId: string): Promise<{ done: number; total: number }> {
  const [job] = await db.select({ done: schema.syncJobs.batchesDone, total: schema.syncJobs.batchesTotal }).from(schema.syncJobs).where(eq(schema.syncJobs.id, jobId));
  if (!job) throw new Error(`sync job ${jobId} does not exist`);
  return job;
}

/** Fails one batch whose processing gave up; files it already finished keep their outcome. */
export async function failBatch(db: Db, batchId: string, error: string): Promise<{ jobId: string; last: boolean }> {
  const [batch] = await db.select().from(schema.syncBatches).where(eq(schema.syncBatches.id, batchId));
  if (!batch) throw new Error(`batch ${batchId} does not exist`);
  const { job, source } = await loadJobContext(db, batch.jobId);
  const finished = new Set(
    (await db.select({ path: schema.syncJobFiles.path }).from(schema.syncJobFiles).where(eq(schema.syncJobFiles.jobId, batch.jobId))).map((r) => r.path),
  );
  const failures = batch.files.filter((f) => !finished.has(f.path)).map((f) => ({ path: f.path, sha: f.sha, error }));
  if (batch.kind === "upsert") await recordFailures(db, { jobId: job.id, sourceId: source.id, commit: job.targetCommit ?? "", failures, batchSeq: batch.seq });
  const result = await completeBatch(db, batchId, { status: "failed", error });
  return { jobId: batch.jobId, last: result.last };
}

/** Fails every unfinished upsert batch of a job (contents could not be fetched), listing its files as failed; returns whether the job is now complete. */
export async function failPendingBatches(db: Db, jobId: string, error: string): Promise<{ failed: number; last: boolean }> {
  const { job, source } = await loadJobContext(db, jobId);
  const pending = await db
    .select({ id: schema.syncBatches.id, seq: schema.syncBatches.seq, files: schema.syncBatches.files })
    .from(schema.syncBatches)
    .where(and(eq(schema.syncBatches.jobId, jobId), eq(schema.syncBatches.kind, "upsert"), inArray(schema.syncBatches.status, ["pending", "running"])));
  let last = false;
  for (const batch of pending) {
    const failures = batch.files.map((f) => ({ path: f.path, sha: f.sha, error }));
    await recordFailures(db, { jobId, sourceId: source.id, commit: job.targetCommit ?? "", failures, batchSeq: batch.seq });
    const result = await completeBatch(db, batch.id, { status: "failed", error });
    last ||= result.last;
  }
  return { failed: pending.length, last };
}
