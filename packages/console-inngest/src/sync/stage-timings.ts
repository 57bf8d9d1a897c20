/**
 * Busy time per pipeline stage in this process, for benchmarks (`bench:cli` prints it). Steps run
 * concurrently, so stages overlap and their sum can exceed the wall time: the figures say where
 * the work goes, not a timeline. Cheap enough to stay on (two clock reads per timed call).
 * The last spans (wall-clock start and end of each timed call) are kept too, bounded, so a
 * benchmark can draw the timeline.
 */
export type PipelineStage = "read" | "chunk" | "embed" | "vector-write" | "index-build" | "manifest" | "embed-step" | "index-step" | "relationships";

const totals = new Map<PipelineStage, { ms: number; calls: number }>();

export interface StageSpan {
  stage: PipelineStage;
  /** Epoch ms. */
  start: number;
  end: number;
}
/** Spans kept at most (oldest dropped): a few hundred per 10,000-file sync. */
const MAX_SPANS = 20_000;
let spans: StageSpan[] = [];

export async function timed<T>(stage: PipelineStage, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const start = Date.now();
  try {
    return await work();
  } finally {
    recordStage(stage, performance.now() - started, start);
  }
}

export function recordStage(stage: PipelineStage, ms: number, start = Date.now() - ms): void {
  const entry = totals.get(stage) ?? { ms: 0, calls: 0 };
  entry.ms += ms;
  entry.calls += 1;
  totals.set(stage, entry);
  spans.push({ stage, start, end: start + ms });
  if (spans.length > MAX_SPANS) spans = spans.slice(-MAX_SPANS / 2);
}

/** The totals so far, in pipeline order. */
export function stageTimings(): Array<{ stage: PipelineStage; ms: number; calls: number }> {
  const order: PipelineStage[] = ["read", "chunk", "embed", "vector-write", "index-build", "manifest", "embed-step", "index-step", "relationships"];
  return order.map((stage) => ({ stage, ...(totals.get(stage) ?? { ms: 0, calls: 0 }) }));
}

/** The recorded spans, oldest first. */
export function stageSpans(): readonly StageSpan[] {
  return spans;
}
