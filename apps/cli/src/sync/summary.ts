import type { SyncJobRow, SourceRow } from "@repo/console-inngest";
import type { SyncSummary } from "@repo/console-types";

/** The `--json` summary of a finished job, from its row (finalize wrote exact counts there). */
export function summaryFromJob(job: SyncJobRow, source: Pick<SourceRow, "fullName">): SyncSummary {
  const started = job.startedAt ?? job.createdAt;
  return {
    source: source.fullName,
    commit: job.targetCommit ?? "",
    status: job.status,
    files: {
      seen: job.filesSeen,
      indexed: job.filesIndexed,
      unchanged: job.filesUnchanged,
      deleted: job.filesDeleted,
      failed: job.filesFailed,
      skipped: job.skippedByReason,
    },
    chunks: { total: job.chunksTotal, embedded: job.chunksEmbedded, reused: job.chunksReused },
    requests: { embedding: job.requestsEmbedding, github: job.requestsGithub, ...(job.requestsSource > 0 ? { source: job.requestsSource } : {}) },
    durationMs: (job.finishedAt ?? new Date()).getTime() - started.getTime(),
  };
}
