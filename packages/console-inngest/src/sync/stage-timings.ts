/**
 * Busy time per pipeline stage in this process, for benchmarks (`bench:cli` prints it). Steps run
 * concurrently, so stages overlap and their sum can exceed the wall time: the figures say where
 * the work goes, not a timeline. Cheap enough to stay on (two clock reads per timed call).
 */
export type PipelineStage = "read" | "chunk" | "embed" | "vector-write" | "index-build" | "manifest";

const totals = new Map<PipelineStage, { ms: number; calls: number }>();

export async function timed<T>(stage: PipelineStage, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    recordStage(stage, performance.now() - started);
  }
}

export function recordStage(stage: PipelineStage, ms: number): void {
  const entry = totals.get(stage) ?? { ms: 0, calls: 0 };
  entry.ms += ms;
  entry.calls += 1;
  totals.set(stage, entry);
}

/** The totals so far, in pipeline order. */
export function stageTimings(): Array<{ stage: PipelineStage; ms: number; calls: number }> {
  const order: PipelineStage[] = ["read", "chunk", "embed", "vector-write", "index-build", "manifest"];
  return order.map((stage) => ({ stage, ...(totals.get(stage) ?? { ms: 0, calls: 0 }) }));
}
