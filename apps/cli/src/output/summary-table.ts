import type { SyncSummary } from "@repo/console-types";
import { formatDuration } from "./progress";
import { renderTable } from "./table";

/** The human summary printed after a sync. */
export function renderSummary(summary: SyncSummary): string {
  const skipped = Object.entries(summary.files.skipped).sort(([a], [b]) => a.localeCompare(b));
  const skippedTotal = skipped.reduce((n, [, count]) => n + count, 0);
  const rows: string[][] = [
    ["source", summary.source],
    ["commit", summary.commit.slice(0, 12) || "-"],
    ["status", summary.status],
    ["files seen", String(summary.files.seen)],
    ["  indexed", String(summary.files.indexed)],
    ["  unchanged", String(summary.files.unchanged)],
    ["  deleted", String(summary.files.deleted)],
    ["  failed", String(summary.files.failed)],
    ["  skipped", String(skippedTotal)],
    ...skipped.map(([reason, count]) => [`    ${reason}`, String(count)]),
    ["chunks", String(summary.chunks.total)],
    ["  embedded", String(summary.chunks.embedded)],
    ["  reused", String(summary.chunks.reused)],
    ["requests embedding", String(summary.requests.embedding)],
    ["requests github", String(summary.requests.github)],
    ...(summary.requests.source !== undefined ? [["requests source", String(summary.requests.source)] as [string, string]] : []),
    ["duration", summary.durationMs < 60_000 ? `${(summary.durationMs / 1000).toFixed(1)}s` : formatDuration(summary.durationMs)],
  ];
  return renderTable(rows);
}
