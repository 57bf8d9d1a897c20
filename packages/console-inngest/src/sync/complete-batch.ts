import { schema, type Db, type DbExecutor } from "@repo/console-db";
import { and, eq, inArray, sql } from "drizzle-orm";
import { loadJobContext } from "./context";
import type { SyncDeps } from "./deps";
import { heartbeat, nowOf, SupersededError, timingOf, withLease } from "./lease";
import { findLostBatches } from "./liveness";
import { recordFailures, recordJobFiles } from "./outcomes";

export interface BatchCounts {
  filesIndexed?: number;
  filesDeleted?: number;
  filesFailed?: number;
  chunksTotal?: number;
  chunksEmbedded?: number;
  chunksReused?: number;
  requestsEmbedding?: number;
  vectorsUpserted?: number;
  vectorsDeleted?: number;
  embeddingTokens?: number;
}

/**
 * Marks a batch finished and counts it into its job, once: a re-run finds the batch terminal and
 * changes nothing. Returns whether this call finished the job's last batch, so exactly one
 * caller signals completion.
 */
export async function completeBatch(
  db: DbExecutor,
  batchId: string,
  outcome: { status: "succeeded" | "failed"; error?: string; counts?: BatchCounts },
  now = new Date(),
): Promise<{ jobId: string; last: boolean; alreadyDone: boolean }> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .update(schema.syncBatches)
      // The finish is a sign of life too: lost-batch detection asks whether any batch is moving.
      .set({ status: outcome.status, error: outcome.error ?? null, finishedAt: now, heartbeatAt: now, ...outcome.counts })
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
export async function markBatchRunning(db: Db, batchId: string, now: Date): Promise<void> {
  await db
    .update(schema.syncBatches)
    .set({ status: "running", startedAt: now, heartbeatAt: now, attempts: sql`${schema.syncBatches.attempts} + 1` })
    .where(and(eq(schema.syncBatches.id, batchId), eq(schema.syncBatches.status, "pending")));
}

export interface JobProgress {
  done: number;
  total: number;
  /** Batches found lost (and failed) in this check. */
  lost: number;
  /** The job no longer holds its source: stop waiting and finalize as superseded. */
  superseded: boolean;
}

/**
 * source.sync's check before every wait: renews the job's lease, fails batches whose runs ended
 * without counting themselves (see findLostBatches), and reports progress.
 */
export async function checkJobProgress(deps: Pick<SyncDeps, "db" | "now" | "timing">, jobId: string): Promise<JobProgress> {
  const { db } = deps;
  const now = nowOf(deps);
  let superseded = false;
  try {
    await heartbeat(deps, jobId);
  } catch (error) {
    if (!(error instanceof SupersededError)) throw error;
    superseded = true;
  }
  await db
    .update(schema.syncJobs)
    .set({ fannedOutAt: now })
    .where(and(eq(schema.syncJobs.id, jobId), sql`${schema.syncJobs.fannedOutAt} is null`));
  let lost = 0;
  if (!superseded) {
    for (const batch of await findLostBatches(db, jobId, now, timingOf(deps).batchSilenceMs)) {
      await failBatch(deps, batch.id, `lost: ${batch.reason}`);
      lost++;
    }
  }
  const [job] = await db
    .select({ done: schema.syncJobs.batchesDone, total: schema.syncJobs.batchesTotal })
    .from(schema.syncJobs)
    .where(eq(schema.syncJobs.id, jobId));
  if (!job) throw new Error(`sync job ${jobId} does not exist`);
  return { ...job, lost, superseded };
}

/**
 * Fails one batch whose processing gave up; files it already finished keep their outcome. The
 * failures go into the manifest (so the next sync retries them) only while the job holds its
 * source; a superseded job records them on itself alone.
 */
export async function failBatch(deps: Pick<SyncDeps, "db" | "now">, batchId: string, error: string): Promise<{ jobId: string; last: boolean }> {
  const { db } = deps;
  const [batch] = await db.select().from(schema.syncBatches).where(eq(schema.syncBatches.id, batchId));
  if (!batch) throw new Error(`batch ${batchId} does not exist`);
  const { job, source } = await loadJobContext(db, batch.jobId);
  const finished = new Set(
    (await db.select({ path: schema.syncJobFiles.path }).from(schema.syncJobFiles).where(eq(schema.syncJobFiles.jobId, batch.jobId))).map((r) => r.path),
  );
  const failures = batch.files.filter((f) => !finished.has(f.path)).map((f) => ({ path: f.path, sha: f.sha, error }));
  await recordFailuresIfHolder(db, job.id, { jobId: job.id, sourceId: source.id, commit: job.targetCommit ?? "", failures, batchSeq: batch.seq });
  const result = await completeBatch(db, batchId, { status: "failed", error }, nowOf(deps));
  return { jobId: batch.jobId, last: result.last };
}

/**
 * After source.stage gave up: fails the job's unfinished upsert batches whose contents were not
 * all staged (listing their files as failed) and returns those whose contents were, which
 * source.stage may have dispatched already or died before dispatching (the caller sends their
 * events; a duplicate is dropped by the batch's idempotency). A batch already running is left to
 * its run. Returns whether the job is now complete.
 */
export async function failPendingBatches(
  deps: Pick<SyncDeps, "db" | "now">,
  jobId: string,
  error: string,
): Promise<{ failed: number; last: boolean; ready: string[] }> {
  const { db } = deps;
  const { job, source } = await loadJobContext(db, jobId);
  const pending = await db
    .select({ id: schema.syncBatches.id, seq: schema.syncBatches.seq, files: schema.syncBatches.files })
    .from(schema.syncBatches)
    .where(and(eq(schema.syncBatches.jobId, jobId), eq(schema.syncBatches.kind, "upsert"), eq(schema.syncBatches.status, "pending")));
  const staged = new Set(
    (await db.select({ sha: schema.blobStaging.sha }).from(schema.blobStaging).where(eq(schema.blobStaging.jobId, jobId))).map((r) => r.sha),
  );
  const skipped = new Set(
    (
      await db
        .select({ path: schema.syncJobFiles.path })
        .from(schema.syncJobFiles)
        .where(and(eq(schema.syncJobFiles.jobId, jobId), eq(schema.syncJobFiles.outcome, "skipped")))
    ).map((r) => r.path),
  );
  let last = false;
  let failed = 0;
  const ready: string[] = [];
  for (const batch of pending) {
    if (batch.files.every((f) => staged.has(f.sha) || skipped.has(f.path))) {
      ready.push(batch.id);
      continue;
    }
    const failures = batch.files.map((f) => ({ path: f.path, sha: f.sha, error }));
    await recordFailuresIfHolder(db, jobId, { jobId, sourceId: source.id, commit: job.targetCommit ?? "", failures, batchSeq: batch.seq });
    const result = await completeBatch(db, batch.id, { status: "failed", error }, nowOf(deps));
    last ||= result.last;
    failed++;
  }
  return { failed, last, ready };
}

async function recordFailuresIfHolder(db: Db, jobId: string, input: Parameters<typeof recordFailures>[1]): Promise<void> {
  if (input.failures.length === 0) return;
  try {
    await withLease(db, jobId, (tx) => recordFailures(tx, input));
  } catch (error) {
    if (!(error instanceof SupersededError)) throw error;
    await recordJobFiles(
      db,
      jobId,
      input.failures.map((f) => ({ path: f.path, outcome: "failed", error: f.error })),
      input.batchSeq ?? null,
    );
  }
}
