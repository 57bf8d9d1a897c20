import { monitorEventLoopDelay } from "node:perf_hooks";
import type { DbOperationTiming } from "@repo/console-db";

const REPORT_EVERY_MS = 10_000;

/**
 * `TRIBUTARY_DB_TRACE=1`: every 10 s the console prints how long operations waited for and held
 * PGlite's one connection (by priority) and how long its event loop was blocked, so a slow page
 * during a sync can be traced to its cause. Returns the callback createDb takes.
 */
export function startDbTrace(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): (timing: DbOperationTiming) => void {
  let samples: DbOperationTiming[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const timer = setInterval(() => {
    const window = samples;
    samples = [];
    const parts: string[] = [];
    for (const priority of ["interactive", "background"] as const) {
      const ops = window.filter((s) => s.priority === priority);
      if (ops.length === 0) continue;
      const held = ops.map((s) => s.heldMs);
      const waited = ops.map((s) => s.waitedMs);
      const transactions = ops.filter((s) => s.kind === "transaction").map((s) => s.heldMs);
      parts.push(
        `${priority}: ${ops.length} ops, waited p50 ${pct(waited, 0.5)}/p95 ${pct(waited, 0.95)}/max ${pct(waited, 1)} ms, held p50 ${pct(held, 0.5)}/p95 ${pct(held, 0.95)}/max ${pct(held, 1)} ms, busy ${sum(held)} ms` +
          (transactions.length > 0 ? `; ${transactions.length} transactions held p95 ${pct(transactions, 0.95)}/max ${pct(transactions, 1)} ms` : ""),
      );
    }
    const longest = window
      .filter((s) => s.priority === "background")
      .sort((a, b) => b.heldMs - a.heldMs)
      .slice(0, 3)
      .map((s) => `${s.heldMs.toFixed(0)} ms ${s.label.replace(/\s+/g, " ")}`);
    if (longest.length > 0) parts.push(`longest background holds: ${longest.join("; ")}`);
    const ms = (ns: number) => (ns / 1e6).toFixed(0);
    parts.push(`event loop delay p50 ${ms(loop.percentile(50))}/p99 ${ms(loop.percentile(99))}/max ${ms(loop.max)} ms`);
    loop.reset();
    log(`[db-trace] ${parts.join(" | ")}`);
  }, REPORT_EVERY_MS);
  timer.unref();
  return (timing) => samples.push(timing);
}

function pct(values: number[], q: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!.toFixed(0);
}

function sum(values: number[]): string {
  return values.reduce((a, b) => a + b, 0).toFixed(0);
}
