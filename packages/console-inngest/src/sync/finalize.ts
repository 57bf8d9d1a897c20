import { schema, type Db } from "@repo/console-db";
import type { JobStatus, SyncSummary } from "@repo/console-types";
import { and, count, eq, sql } from "drizzle-orm";
import { loadJobContext } from "./context";

/**
 * Closes a job with exact counts, summed from its per-file rows and batches rather than kept as
 * running totals, and advances the source's synced commit only when every batch and file made it.
 */
export async function finalizeJob(db: Db, jobId: string, planError?: string): Promise<SyncSummary> {
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
      batchesFailed: sql<number>`count(*) filter (where ${schema.syncBatches.status} <> 'succeeded')::int`,
    })
    .from(schema.syncBatches)
    .where(eq(schema.syncBatches.jobId, jobId));

  const failedFiles = total("failed");
  const status: JobStatus = planError ? "failed" : (sums?.batchesFailed ?? 0) > 0 || failedFiles > 0 ? "partial" : "succeeded";
  const finishedAt = new Date();
  const counts = {
    filesIndexed: total("indexed"),
    filesDeleted: total("deleted"),
    filesFailed: failedFiles,
    skippedByReason: skipped,
    chunksTotal: sums?.chunksTotal ?? 0,
    chunksEmbedded: sums?.chunksEmbedded ?? 0,
    chunksReused: sums?.chunksReused ?? 0,
    requestsEmbedding: sums?.requestsEmbedding ?? 0,
  };
  await db.transaction(async (tx) => {
    await tx
      .update(schema.syncJobs)
      .set({ ...counts, status, error: planError ?? (status === "partial" ? `${failedFiles} file(s) failed` : null), finishedAt })
      .where(eq(schema.syncJobs.id, jobId));
    await tx
      .update(schema.sources)
      .set(
        status === "succeeded"
          ? { syncedCommit: job.targetCommit, syncedAt: finishedAt, lastError: null }
          : { lastError: planError ?? `last sync ${status}: ${failedFiles} file(s) failed` },
      )
      .where(and(eq(schema.sources.id, source.id)));
  });
  return {
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
    requests: { embedding: counts.requestsEmbedding, github: job.requestsGithub },
    durationMs: finishedAt.getTime() - (job.startedAt ?? job.createdAt).getTime(),
  };
}
