import { isItemProvider, type SourceRow, type SyncJobRow } from "@repo/console-inngest";

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function jobDuration(job: SyncJobRow, now = Date.now()): number | undefined {
  const start = (job.startedAt ?? job.createdAt).getTime();
  return (job.finishedAt?.getTime() ?? now) - start;
}

/**
 * Remaining time at the rate batches have finished so far (failed batches count as finished);
 * unknown until one has, and once the job ends.
 */
export function jobEta(job: SyncJobRow, now = Date.now()): number | undefined {
  const finished = job.batchesDone + job.batchesFailed;
  if (job.finishedAt || finished === 0 || job.batchesTotal <= finished) return undefined;
  const elapsed = now - (job.startedAt ?? job.createdAt).getTime();
  return (elapsed / finished) * (job.batchesTotal - finished);
}

export type SourceStatus = "idle" | "queued" | "syncing" | "failed" | "partial" | "paused";

/** What the Sources page says about a source, from the source row and its newest job. */
export function sourceStatus(source: SourceRow, job: SyncJobRow | undefined): SourceStatus {
  if (source.status === "paused") return "paused";
  // Just connected: the first job is created by a function a moment later.
  if (!job) return source.syncedCommit ? "idle" : "queued";
  if (job.status === "queued") return "queued";
  if (job.status === "running") return "syncing";
  if (job.status === "failed") return "failed";
  if (job.status === "partial") return "partial";
  return "idle";
}

/** Statuses that change by themselves, so the page showing them refreshes itself. */
export const isLive = (status: SourceStatus) => status === "queued" || status === "syncing";

/** "2026-01-31 12:00:00" in UTC: the same on the server and in every screenshot. */
export function formatTime(date: Date): string {
  return `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

/**
 * A link to a file (and lines) at a commit on the repository's own web host (github.com or a
 * GitHub Enterprise host: `location` is the repository's html_url). Local sources have none.
 */
export function fileUrl(source: SourceRow, commit: string, path: string, lines?: { start: number; end: number }): string | undefined {
  if (source.provider !== "github" || !commit) return undefined;
  const anchor = lines ? `#L${lines.start}-L${lines.end}` : "";
  return `${source.location.replace(/\/+$/, "")}/blob/${commit}/${path.split("/").map(encodeURIComponent).join("/")}${anchor}`;
}

/** Linear, Notion, Slack and Vercel sources: synced to a cursor, not a commit; no branch. */
export const isItemSource = (source: Pick<SourceRow, "provider">) => isItemProvider(source.provider);

/** A job's or source's commit as shown: 7 characters of a sha, or an item source's whole `cursor:<digest>`. */
export function shortCommit(source: Pick<SourceRow, "provider">, commit: string): string {
  return isItemSource(source) ? commit : commit.slice(0, 7);
}

export function commitUrl(source: SourceRow, commit: string): string | undefined {
  return source.provider === "github" ? `${source.location.replace(/\/+$/, "")}/commit/${commit}` : undefined;
}

/** "every 60 min" and where it comes from, and when schedule.sync next looks at the source. */
export function describeSchedule(
  schedule: { intervalMinutes: number; intervalFrom: string; nextRunAt: Date | null },
  now = Date.now(),
): { interval: string; next: string } {
  const interval = `every ${schedule.intervalMinutes} min${schedule.intervalFrom === "tributary.yml" ? " (tributary.yml)" : ""}`;
  if (!schedule.nextRunAt) return { interval, next: "not scheduled" };
  return { interval, next: schedule.nextRunAt.getTime() <= now ? "due at the next tick" : formatTime(schedule.nextRunAt) };
}
