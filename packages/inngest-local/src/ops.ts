import { resolveTime } from "./duration";
import { compileExpression, type Expression } from "./expression";
import { internalEvent, type CallInfo, type Executor } from "./executor";
import { toSerializedError, type Op } from "./protocol";
import type { Run } from "./run-state";

/** A `step.waitForEvent` in progress: it only sees events that arrive after it was registered. */
export interface Wait {
  run: Run;
  hash: string;
  event: string;
  if?: Expression;
}

const stepName = (op: Op) => op.displayName ?? op.userland?.id ?? op.name ?? op.id;

/** Acts on the ops of a 206 answer: memoize finished steps, schedule planned ones, start sleeps, waits and invokes. */
export function applyOps(exec: Executor, run: Run, call: CallInfo, ops: Op[], retryAfter: string | null): void {
  // Several ops in one answer means parallel steps; Inngest then plans every later step instead of running it inline.
  if (ops.length > 1 && ops.some((op) => op.op === "StepPlanned")) run.sawParallelism = true;
  const now = exec.clock.now();
  const known = (op: Op) => run.pending.has(op.id) || run.memo[op.id] !== undefined;
  const record = { id: "", hash: "", op: "" };

  for (const op of ops) {
    if (run.status === "failed" || run.status === "cancelled") return;
    Object.assign(record, { id: stepName(op), hash: op.id, op: op.op });
    switch (op.op) {
      case "StepRun":
        exec.recordStep(run, call, record, "ok", op.data);
        run.attempts.delete(op.id);
        run.attempts.delete("$fn");
        exec.memoize(run, op.id, { data: op.data ?? null });
        break;
      case "StepError": {
        const error = toSerializedError(op.error, "step failed");
        exec.recordStep(run, call, record, { kind: "error", retriable: true, retryAfter, error });
        if (!exec.scheduleRetry(run, op.id, op.id, retryAfter)) exec.memoize(run, op.id, { error });
        break;
      }
      case "StepFailed":
        exec.recordStep(run, call, record, { kind: "error", retriable: false, retryAfter, error: toSerializedError(op.error, "step failed") });
        run.attempts.delete(op.id);
        exec.memoize(run, op.id, { error: op.error ?? { name: "Error", message: "step failed" } });
        break;
      case "StepPlanned":
        if (known(op)) break;
        run.pending.set(op.id, { kind: "step", cancel: () => {} });
        exec.enqueueCall(run, op.id);
        break;
      case "Sleep": {
        if (known(op)) break;
        const at = resolveTime(op.name ?? "", now);
        exec.recordStep(run, call, record, "scheduled");
        exec.addTimer(run, op.id, "sleep", at, () => exec.memoize(run, op.id, { data: null }));
        break;
      }
      case "WaitForEvent":
        if (!known(op)) startWait(exec, run, call, op, record, now);
        break;
      case "InvokeFunction":
        if (!known(op)) startInvoke(exec, run, call, op, record, now);
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

function startWait(exec: Executor, run: Run, call: CallInfo, op: Op, record: { id: string; hash: string; op: string }, now: number): void {
  const opts = op.opts ?? {};
  let condition: Expression | undefined;
  try {
    condition = typeof opts.if === "string" ? compileExpression(opts.if) : undefined;
  } catch (err) {
    exec.failRun(run, { name: "UnsupportedExpressionError", message: `waitForEvent "${record.id}": ${(err as Error).message}` });
    return;
  }
  const wait: Wait = { run, hash: op.id, event: op.name ?? "", if: condition };
  exec.waits.add(wait);
  exec.recordStep(run, call, record, "scheduled");
  // On timeout the step resolves to null, as Inngest documents.
  exec.addTimer(run, op.id, "wait", resolveTime(String(opts.timeout ?? "0s"), now), () => {
    exec.waits.delete(wait);
    exec.memoize(run, op.id, { data: null });
  });
  const timer = run.pending.get(op.id);
  if (timer) timer.cancel = chain(timer.cancel, () => exec.waits.delete(wait));
}

function startInvoke(exec: Executor, run: Run, call: CallInfo, op: Op, record: { id: string; hash: string; op: string }, now: number): void {
  const opts = op.opts ?? {};
  const functionId = String(opts.function_id ?? "");
  const target = exec.functions.get(functionId);
  exec.recordStep(run, call, record, "scheduled");
  if (!target) {
    exec.memoize(run, op.id, { error: { name: "Error", message: `step.invoke: function "${functionId}" is not registered` } });
    return;
  }
  if (typeof opts.timeout === "string") {
    exec.addTimer(run, op.id, "invoke", resolveTime(opts.timeout, now), () =>
      exec.memoize(run, op.id, { error: { name: "InngestInvokeTimeoutError", message: `timed out waiting for "${functionId}"` } }),
    );
  } else {
    run.pending.set(op.id, { kind: "invoke", cancel: () => {} });
  }
  const payload = (opts.payload ?? {}) as { data?: Record<string, unknown> };
  exec.startRun(target, internalEvent("inngest/function.invoked", payload.data ?? {}, now), { runId: run.id, hash: op.id });
}

function chain(first: () => void, second: () => void): () => void {
  return () => {
    first();
    second();
  };
}
