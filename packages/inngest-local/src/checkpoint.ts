import { z } from "zod";
import { checkStepLimits, type Executor } from "./executor";
import { jsonBytes, limits } from "./limits";
import { acceptStepRun } from "./ops";
import { opSchema } from "./protocol";
import { terminalStatuses } from "./run-state";

export interface ApiAnswer {
  status: number;
  body: unknown;
}

const asyncCheckpointSchema = z.looseObject({
  run_id: z.string().optional(),
  fn_id: z.string().optional(),
  qi_id: z.string().optional(),
  steps: z.array(opSchema),
});

const refuse = (status: number, error: string): ApiAnswer => ({ status, body: { error, status } });

/**
 * POST /v1/checkpoint/:runId/async — step results the SDK posts while a call is still running
 * (inngest 4.x in checkpointing mode), handled as Inngest's checkpoint API does: only from the
 * live call of the run named by `qi_id` (409 "stale dispatch" otherwise, which makes the SDK
 * stop), only `StepRun` results (`StepPlanned` is a progress note), 413 past the size limits
 * (the SDK then falls back to sending the step in its answer, where the limit fails the run).
 */
export function checkpointAsync(exec: Executor, runId: string, raw: unknown): ApiAnswer {
  const parsed = asyncCheckpointSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, `invalid checkpoint: ${parsed.error.issues[0]?.message}`);
  const run = exec.runs.get(runId);
  if (!run) return refuse(404, `run ${runId} not found`);
  const live = parsed.data.qi_id ? exec.liveCalls.get(parsed.data.qi_id) : undefined;
  if (exec.halted || terminalStatuses.has(run.status) || live?.run !== run) {
    return refuse(409, `stale dispatch: call ${parsed.data.qi_id ?? "(none)"} of run ${runId} is not in flight`);
  }
  const results = parsed.data.steps.filter((op) => op.op === "StepRun" || op.op === "Step");
  const other = parsed.data.steps.find((op) => !results.includes(op) && op.op !== "StepPlanned");
  if (other) return refuse(400, `cannot checkpoint opcode: ${other.op}`);
  const sizes = results.map((op) => jsonBytes(op.data ?? null));
  const tooBig = sizes.map((size) => checkStepLimits(run, size)).find(Boolean);
  if (tooBig) return refuse(413, tooBig);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (run.stateBytes + total > limits.runStateBytes) return refuse(413, `run state exceeds Inngest's limit of ${limits.runStateBytes} bytes`);
  const call = { stepId: "step", attempt: live.attempt, durationMs: 0, request: parsed.data.qi_id };
  for (const op of results) {
    if (run.memo[op.id]) continue;
    acceptStepRun(exec, run, call, { ...op, op: "StepRun" }, "checkpoint");
  }
  exec.notify(run);
  return { status: 200, body: {} };
}

/** GET /v0/runs/:runId/actions — memoized step state, for calls sent with `use_api: true`. */
export function runActions(exec: Executor, runId: string): ApiAnswer {
  const run = exec.runs.get(runId);
  if (!run || terminalStatuses.has(run.status)) return refuse(410, `runtime state is no longer available for runID: ${runId}`);
  return { status: 200, body: run.memo };
}

/** GET /v0/runs/:runId/batch — the run's triggering events. */
export function runBatch(exec: Executor, runId: string): ApiAnswer {
  const run = exec.runs.get(runId);
  if (!run || terminalStatuses.has(run.status)) return refuse(410, `runtime state is no longer available for runID: ${runId}`);
  return { status: 200, body: [run.event] };
}
