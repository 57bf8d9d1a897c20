import type { schema } from "@repo/console-db";

type Job = typeof schema.syncJobs.$inferSelect;
type Source = typeof schema.sources.$inferSelect;

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function jobDuration(job: Job, now = Date.now()): number | undefined {
  const start = (job.startedAt ?? job.createdAt).getTime();
  return (job.finishedAt?.getTime() ?? now) - start;
}

/** Remaining time from the batch rate so far; unknown until a batch has finished. */
export function jobEta(job: Job, now = Date.now()): number | undefined {
  if (job.finishedAt || job.batchesDone === 0 || job.batchesTotal <= job.batchesDone) return undefined;
  const elapsed = now - (job.startedAt ?? job.createdAt).getTime();
  return (elapsed / job.batchesDone) * (job.batchesTotal - job.batchesDone);
}

export function sourceStatus(source: Source, job: Job | undefined): "idle" | "syncing" | "failed" | "partial" | "paused" {
  if (source.status === "paused") return "paused";
  if (job && (job.status === "queued" || job.status === "running")) return "syncing";
  if (job?.status === "failed") return "failed";
  if (job?.status === "partial") return "partial";
  return "idle";
}

/** A link to a file (and lines) at a commit, on GitHub; local sources have none. */
export function fileUrl(source: Source, commit: string, path: string, lines?: { start: number; end: number }): string | undefined {
  if (source.provider !== "github" || !commit) return undefined;
  const anchor = lines ? `#L${lines.start}-L${lines.end}` : "";
  return `https://github.com/${source.fullName}/blob/${commit}/${path.split("/").map(encodeURIComponent).join("/")}${anchor}`;
}

export function commitUrl(source: Source, commit: string): string | undefined {
  return source.provider === "github" ? `https://github.com/${source.fullName}/commit/${commit}` : undefined;
}
