import { resolveTime } from "./duration";
import { compileExpression } from "./expression";
import { ulid } from "./ids";
import { armPending } from "./pending";
import { opDurationMs, stepName, toSerializedError, type Op } from "./protocol";
import type { Run } from "./run-state";
import { internalEvent, type CallInfo, type RunHost } from "./run-host";
import { recordStep } from "./timeline";

type StepRef = { id: string; hash: string; op: string };

/** Acts on the ops of a 206 answer: memoize finished steps, schedule planned ones, start sleeps, waits and invokes. */
export function applyOps(exec: RunHost, run: Run, call: CallInfo, ops: Op[], retryAfter: string | null): void {
  // Several ops in one answer means parallel steps; Inngest then plans every later step instead of running it inline.
  if (ops.length > 1 && ops.some((op) => op.op === "StepPlanned")) exec.markParallel(run);
  // Nothing to act on (e.g. every result was checkpointed): discover again, as Inngest does.
  if (ops.length === 0) run.needsDiscovery = true;
  const now = exec.clock.now();
  const known = (op: Op) => run.pending.has(op.id) || run.memo[op.id] !== undefined;

  for (const op of ops) {
    if (run.status === "failed" || run.status === "cancelled") return;
    const step = { id: stepName(op), hash: op.id, op: op.op };
    switch (op.op) {
      case "StepRun":
        acceptStepRun(exec, run, call, op, "response");
        break;
      case "StepError": {
        const error = toSerializedError(op.error, "step failed");
        recordStep(exec, run, withDuration(call, op), step, { kind: "error", retriable: true, retryAfter, error }, { via: "response" });
        if (!exec.scheduleRetry(run, op.id, op.id, retryAfter)) exec.memoize(run, op.id, { error });
        break;
      }
      case "StepFailed": {
        const error = toSerializedError(op.error, "step failed");
        recordStep(exec, run, withDuration(call, op), step, { kind: "error", retriable: false, retryAfter, error }, { via: "response" });
        exec.setAttempts(run, op.id, 0);
        exec.memoize(run, op.id, { error: op.error ?? error });
        break;
      }
      case "StepPlanned":
        if (!known(op)) armPending(exec, run, op.id, { type: "planned" });
        break;
      case "Sleep": {
        if (known(op)) break;
        const at = resolveTime(op.name ?? "", now);
        recordStep(exec, run, call, step, "scheduled", { detail: `sleeping until ${new Date(at).toISOString()}` });
        armPending(exec, run, op.id, { type: "sleep", at });
        break;
      }
      case "WaitForEvent":
        if (!known(op)) startWait(exec, run, call, op, step, now);
        break;
      case "WaitForSignal":
        if (!known(op)) startSignalWait(exec, run, call, op, step, now);
        break;
      case "InvokeFunction":
        if (!known(op)) startInvoke(exec, run, call, op, step, now);
        break;
      case "DiscoveryRequest":
        run.needsDiscovery = true;
        break;
      case "RunComplete":
        exec.completeRun(run, op.data ?? null);
        return;
      default:
        exec.failRun(run, {
          name: "UnsupportedOpError",
          message: `inngest-local does not implement the "${op.op}" op (step "${stepName(op)}"); run this function on the Inngest dev server`,
        });
        return;
    }
  }
}

/** A finished `step.run`, from a call's answer or from the checkpoint API; Inngest then resets the call's attempts. */
export function acceptStepRun(exec: RunHost, run: Run, call: CallInfo, op: Op, via: "response" | "checkpoint"): void {
  recordStep(exec, run, withDuration(call, op), { id: stepName(op), hash: op.id, op: "StepRun" }, "ok", { data: op.data ?? null, via });
  exec.setAttempts(run, op.id, 0);
  exec.setAttempts(run, "$fn", 0);
  exec.memoize(run, op.id, { data: op.data ?? null }, { discover: via === "response" });
}

/** The step's own duration when the SDK timed it; otherwise the call's. */
function withDuration(call: CallInfo, op: Op): CallInfo {
  return { ...call, durationMs: opDurationMs(op) ?? call.durationMs };
}

function startWait(exec: RunHost, run: Run, call: CallInfo, op: Op, step: StepRef, now: number): void {
  const opts = op.opts ?? {};
  const condition = typeof opts.if === "string" ? opts.if : undefined;
  try {
    if (condition) compileExpression(condition);
  } catch (err) {
    exec.failRun(run, { name: "UnsupportedExpressionError", message: `waitForEvent "${step.id}": ${(err as Error).message}` });
    return;
  }
  const at = resolveTime(String(opts.timeout ?? "0s"), now);
  const event = op.name ?? "";
  recordStep(exec, run, call, step, "scheduled", {
    detail: `waiting for "${event}"${condition ? ` if ${condition}` : ""} until ${new Date(at).toISOString()}`,
  });
  armPending(exec, run, op.id, { type: "wait", at, event, ...(condition ? { if: condition } : {}) });
}

function startSignalWait(exec: RunHost, run: Run, call: CallInfo, op: Op, step: StepRef, now: number): void {
  const opts = op.opts ?? {};
  const signal = String(opts.signal ?? op.name ?? "");
  const existing = exec.signals.get(signal);
  const taken = existing && existing.run !== run && existing.run.pending.has(existing.hash);
  recordStep(exec, run, call, step, "scheduled", { detail: `waiting for signal "${signal}"` });
  // onConflict "fail" (the SDK's default) refuses a second waiter; "replace" takes the signal over.
  if (taken && opts.conflict !== "replace") {
    const error = { name: "Error", message: `Signal conflict; signal wait already exists for another run (${existing.run.id})` };
    recordStep(exec, run, call, step, { kind: "error", retriable: false, retryAfter: null, error });
    exec.memoize(run, op.id, { error });
    return;
  }
  armPending(exec, run, op.id, { type: "signal", at: resolveTime(String(opts.timeout ?? "0s"), now), signal });
}

function startInvoke(exec: RunHost, run: Run, call: CallInfo, op: Op, step: StepRef, now: number): void {
  const opts = op.opts ?? {};
  const functionId = String(opts.function_id ?? "");
  const target = exec.functions.get(functionId);
  if (!target) {
    recordStep(exec, run, call, step, "failed", { error: `function "${functionId}" is not registered` });
    exec.memoize(run, op.id, { error: { name: "Error", message: `step.invoke: function "${functionId}" is not registered` } });
    return;
  }
  // The child's id is known before it starts, so a child that ends at once finds its parent waiting.
  const childRunId = ulid(now);
  recordStep(exec, run, call, step, "scheduled", { detail: `invoked ${functionId} as run ${childRunId}` });
  const at = typeof opts.timeout === "string" ? resolveTime(opts.timeout, now) : undefined;
  armPending(exec, run, op.id, { type: "invoke", functionId, childRunId, ...(at !== undefined ? { at } : {}) });
  const payload = (opts.payload ?? {}) as { data?: Record<string, unknown> };
  exec.startRun(target, internalEvent("inngest/function.invoked", payload.data ?? {}, now), { parent: { runId: run.id, hash: op.id }, id: childRunId });
}
