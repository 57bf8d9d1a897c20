import type { CallInfo, RunHost } from "./run-host";
import { jsonBytes } from "./limits";
import type { CallOutcome, SerializedError } from "./protocol";
import { preview, terminalStatuses, type Run, type StepRecord } from "./run-state";

type StepRef = Pick<StepRecord, "id" | "hash" | "op">;

/** Appends one entry to a run's step timeline (journaled and logged): an attempt, a scheduled op, or how one ended. */
export function recordStep(
  exec: RunHost,
  run: Run,
  call: CallInfo,
  step: StepRef,
  outcome: CallOutcome | StepRecord["outcome"],
  extra: Partial<StepRecord> & { data?: unknown } = {},
): void {
  const error = typeof outcome === "object" && outcome.kind === "error" ? outcome.error : undefined;
  const result: StepRecord["outcome"] = typeof outcome === "string" ? outcome : outcome.kind === "error" ? (outcome.retriable ? "retrying" : "failed") : "ok";
  const { data, ...fields } = extra;
  const record: StepRecord = {
    ...step,
    attempt: call.attempt,
    durationMs: Math.round(call.durationMs * 100) / 100,
    outcome: result,
    outputBytes: jsonBytes(data),
    at: exec.clock.now(),
    ...(data !== undefined ? { output: preview(data) } : {}),
    ...(error ? { error: `${error.name}: ${error.message}`, ...(error.stack ? { stack: error.stack } : {}) } : {}),
    ...(call.request ? { request: call.request } : {}),
    ...fields,
  };
  run.steps.push(record);
  exec.journal.append({ t: "step", run: run.id, step: record });
  exec.log(run, { kind: "step", step: step.id, attempt: call.attempt, durationMs: record.durationMs, outcome: result, error: record.error });
}

/** Ends a pending sleep, wait, signal or invoke with its value and a timeline entry saying how it ended. */
export function resolveOp(
  exec: RunHost,
  run: Run,
  key: string,
  value: { data: unknown } | { error: unknown },
  how: { outcome: StepRecord["outcome"]; detail: string },
): void {
  const pending = run.pending.get(key);
  if (!pending || terminalStatuses.has(run.status)) return;
  pending.cancel();
  const scheduled = scheduledEntry(run, key);
  const error = "error" in value ? (value.error as SerializedError) : undefined;
  recordStep(exec, run, sinceScheduled(exec, key, scheduled), refOf(key, scheduled), how.outcome, {
    data: "data" in value ? value.data : undefined,
    detail: how.detail,
    ...(error ? { error: `${error.name}: ${error.message}` } : {}),
  });
  // Memoized before it is settled: a restart in between finds the result and drops the pending op.
  exec.memoize(run, key, value);
  exec.clearPending(run, key);
  exec.maybeDiscover(run);
  exec.notify(run);
}

/** A sleep, wait or invoke still pending when its run ends never resumes; the timeline says so. */
export function recordUnresumedOps(exec: RunHost, run: Run, status: string): void {
  for (const [key, pending] of run.pending) {
    if (pending.info.type === "planned" || pending.info.type === "retry") continue;
    const scheduled = scheduledEntry(run, key);
    recordStep(exec, run, sinceScheduled(exec, key, scheduled), refOf(key, scheduled), "cancelled", { detail: `never resumed: the run was ${status}` });
  }
}

const scheduledEntry = (run: Run, key: string) => [...run.steps].reverse().find((step) => step.hash === key);
const sinceScheduled = (exec: RunHost, key: string, scheduled?: StepRecord): CallInfo => ({
  stepId: key,
  attempt: 0,
  durationMs: scheduled ? exec.clock.now() - scheduled.at : 0,
});
const refOf = (key: string, scheduled?: StepRecord): StepRef => ({ id: scheduled?.id ?? key, hash: key, op: scheduled?.op ?? "Resume" });
