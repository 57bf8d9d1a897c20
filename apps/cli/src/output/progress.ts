export interface ProgressSnapshot {
  phase: string;
  planned: number;
  fetched: number;
  chunked: number;
  embedded: number;
  indexed: number;
  /** Files finished (indexed, unchanged, skipped, failed or deleted) out of `planned`. */
  done: number;
  elapsedMs: number;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, "0")}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** ETA from the average rate so far; unknown until something has finished. */
export function estimateRemainingMs(p: ProgressSnapshot): number | undefined {
  if (p.done <= 0 || p.planned <= p.done) return undefined;
  return (p.elapsedMs / p.done) * (p.planned - p.done);
}

export function renderBar(p: ProgressSnapshot, width = 28): string {
  const ratio = p.planned > 0 ? Math.min(1, p.done / p.planned) : 0;
  const filled = Math.round(ratio * width);
  const eta = estimateRemainingMs(p);
  return (
    `${p.phase.padEnd(9)} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${p.done}/${p.planned} files` +
    `  embedded ${p.embedded}  indexed ${p.indexed}` +
    (eta === undefined ? "" : `  ETA ${formatDuration(eta)}`)
  );
}

export function renderLine(p: ProgressSnapshot): string {
  return `${p.phase}: planned=${p.planned} fetched=${p.fetched} chunked=${p.chunked} embedded=${p.embedded} indexed=${p.indexed} done=${p.done}/${p.planned}`;
}
