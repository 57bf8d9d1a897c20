import { schema } from "@repo/console-db";
import type { JobStatus, SyncSummary } from "@repo/console-types";
import { count, eq, sql } from "drizzle-orm";
import { loadJobContext } from "./context";
import type { SyncDeps } from "./deps";
import { nowOf } from "./lease";

export interface FinalizeResult {
  summary: SyncSummary;
  /** The job still held its source, so the steps after finalize (reconcile, edges) may write. */
  holder: boolean;
  needsReconcile: boolean;
}

/**
 * Closes a job with exact counts, summed from its per-file rows and batches rather than kept as
 * running totals, and advances the source's synced commit only when every batch and file made it.
 * A job that lost its source's lease is closed as superseded and touches nothing of the source.
 */
export async function finalizeJob(
  deps: Pick<SyncDeps, "db" | "now">,
  jobId: string,
  planError?: string,
  /** The failure's error-contract code, stored with the message (the CLI's exit code follows it). */
  planErrorCode?: string | null,
): Promise<FinalizeResult> {
  const { db } = deps;
  const { job, source } = await loadJobContext(db, jobId);
  const byOutcome = await db
    .select({ outcome: schema.syncJobFiles.outcome, reason: schema.syncJobFiles.reason, n: count() })
    .from(schema.syncJobFiles)
    .where(eq(schema.syncJobFiles.jobId, jobId))
    .groupBy(schema.syncJobFiles.outcome, schema.syncJobFiles.reason);
  const total = (outcome: string) => byOutcome.filter((r) => r.outcome === outcome).reduce((n, r) => n + r.n, 0);
  const skipped: Record<string, number> = {};
  for (const row of byOutcome) if (row.outcome === "skipped") skipped[row.reason ?? "unknown"] = (skipped[row.reason ?? "unknown"] ?? 0) + row.n;
  const [sums] = await db
    .select({
      chunksTotal: sql<number>`coalesce(sum(${schema.syncBatches.chunksTotal}), 0)::int`,
      chunksEmbedded: sql<number>`coalesce(sum(${schema.syncBatches.chunksEmbedded}), 0)::int`,
      chunksReused: sql<number>`coalesce(sum(${schema.syncBatches.chunksReused}), 0)::int`,
      requestsEmbedding: sql<number>`coalesce(sum(${schema.syncBatches.requestsEmbedding}), 0)::int`,
      vectorsUpserted: sql<number>`coalesce(sum(${schema.syncBatches.vectorsUpserted}), 0)::int`,
      vectorsDeleted: sql<number>`coalesce(sum(${schema.syncBatches.vectorsDeleted}), 0)::int`,
      embeddingTokens: sql<number>`coalesce(sum(${schema.syncBatches.embeddingTokens}), 0)::int`,
      batchesFailed: sql<number>`count(*) filter (where ${schema.syncBatches.status} <> 'succeeded')::int`,
    })
    .from(schema.syncBatches)
    .where(eq(schema.syncBatches.jobId, jobId));

  const failedFiles = total("failed");
  const finishedAt = nowOf(deps);
  const counts = {
    filesIndexed: total("indexed"),
    filesDeleted: total("deleted"),
    filesFailed: failedFiles,
    skippedByReason: skipped,
    chunksTotal: sums?.chunksTotal ?? 0,
    chunksEmbedded: sums?.chunksEmbedded ?? 0,
    chunksReused: sums?.chunksReused ?? 0,
    requestsEmbedding: sums?.requestsEmbedding ?? 0,
    vectorsUpserted: sums?.vectorsUpserted ?? 0,
    vectorsDeleted: sums?.vectorsDeleted ?? 0,
    embeddingTokens: sums?.embeddingTokens ?? 0,
  };
  const { status, holder, needsReconcile } = await db.transaction(async (tx) => {
    // Locked for update: a takeover cannot slip between this check and the writes below.
    const [current] = await tx
      .select({ leaseHolder: schema.sources.leaseHolder, needsReconcile: schema.sources.needsReconcile })
      .from(schema.sources)
      .where(eq(schema.sources.id, source.id))
      .for("update");
    const [row] = await tx.select({ status: schema.syncJobs.status, error: schema.syncJobs.error }).from(schema.syncJobs).where(eq(schema.syncJobs.id, jobId));
    if (current?.leaseHolder !== jobId) {
      await tx
        .update(schema.syncJobs)
        .set({ ...counts, status: "superseded", error: row?.status === "superseded" ? row.error : "superseded: another sync took over the source", finishedAt })
        .where(eq(schema.syncJobs.id, jobId));
      return { status: "superseded" as JobStatus, holder: false, needsReconcile: false };
    }
    const status: JobStatus = planError ? "failed" : (sums?.batchesFailed ?? 0) > 0 || failedFiles > 0 ? "partial" : "succeeded";
    await tx
      .update(schema.syncJobs)
      .set({
        ...counts,
        status,
        error: planError ?? (status === "partial" ? `${failedFiles} file(s) failed` : null),
        errorCode: planError ? (planErrorCode ?? null) : null,
        finishedAt,
      })
      .where(eq(schema.syncJobs.id, jobId));
    await tx
      .update(schema.sources)
      .set(
        status === "succeeded"
          ? { syncedCommit: job.targetCommit, syncedPosition: job.targetPosition, syncedAt: finishedAt, lastError: null }
          : { lastError: planError ?? `last sync ${status}: ${failedFiles} file(s) failed` },
      )
      .where(eq(schema.sources.id, source.id));
    return { status, holder: true, needsReconcile: current.needsReconcile };
  });
  const summary: SyncSummary = {
    source: source.fullName,
    commit: job.targetCommit ?? "",
    status,
    files: {
      seen: job.filesSeen,
      indexed: counts.filesIndexed,
      unchanged: job.filesUnchanged,
      deleted: counts.filesDeleted,
      failed: failedFiles,
      skipped,
    },
    chunks: { total: counts.chunksTotal, embedded: counts.chunksEmbedded, reused: counts.chunksReused },
    requests: { embedding: counts.requestsEmbedding, github: job.requestsGithub, ...(job.requestsSource > 0 ? { source: job.requestsSource } : {}) },
    durationMs: finishedAt.getTime() - (job.startedAt ?? job.createdAt).getTime(),
  };
  return { summary, holder, needsReconcile };
}
