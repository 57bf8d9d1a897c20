import { randomUUID } from "node:crypto";
import { retryDelay, type BackoffOptions } from "./backoff";
import type { Clock } from "./clock";
import { parseRetryAfter } from "./duration";
import { evaluateKey } from "./expression";
import { jsonBytes, limits } from "./limits";
import type { Logger } from "./logger";
import { applyOps, type Wait } from "./ops";
import { buildCallBody, callUrl, parseCallResponse, type CallOutcome, type SerializedError } from "./protocol";
import type { FunctionDefinition } from "./registry";
import { summarize, terminalStatuses, type EventPayload, type Run, type RunSummary, type StepRecord } from "./run-state";
import { ConcurrencyScheduler, type SlotKey } from "./scheduler";
import type { Transport } from "./transport";

export interface ExecutorOptions {
  clock: Clock;
  logger: Logger;
  transportFor: (url: string) => Transport;
  backoff: BackoffOptions;
  random: () => number;
  maxInFlight: number;
  /** Finished runs kept for `runs()` and GET /v1/runs. */
  retainRuns: number;
  /** Receives internal events (function.failed, function.finished) so triggers and waits see them. */
  emit: (event: EventPayload) => void;
}

/** Runs functions by calling their serve handler until each run completes, fails or is cancelled. */
export class Executor {
  readonly runs = new Map<string, Run>();
  readonly functions = new Map<string, FunctionDefinition>();
  readonly waits = new Set<Wait>();
  private readonly scheduler: ConcurrencyScheduler;
  private readonly listeners = new Set<(run?: Run) => void>();

  constructor(readonly options: ExecutorOptions) {
    this.scheduler = new ConcurrencyScheduler(options.maxInFlight, () => this.notify());
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Starts a run now. Flow control (debounce, idempotency) has already been applied by the caller. */
  startRun(fn: FunctionDefinition, event: EventPayload, parent?: Run["parent"]): Run {
    const scope = { event };
    const singletonKey = fn.singleton && `${fn.id}:${fn.singleton.key ? evaluateKey(fn.singleton.key, scope) : ""}`;
    const run: Run = {
      id: randomUUID(),
      fn,
      event,
      status: "queued",
      startedAt: this.clock.now(),
      memo: {},
      stack: [],
      stateBytes: 0,
      attempts: new Map(),
      pending: new Map(),
      calls: 0,
      needsDiscovery: false,
      sawParallelism: false,
      slots: concurrencySlots(fn, scope),
      singletonKey,
      parent,
      steps: [],
      timers: new Set(),
    };
    const active = singletonKey ? this.activeRunWithSingletonKey(singletonKey) : undefined;
    this.runs.set(run.id, run);
    if (active && fn.singleton?.mode === "skip") {
      this.endRun(run, "skipped", { detail: `singleton run ${active.id} is still active` });
      return run;
    }
    if (active) this.cancelRun(active, `replaced by singleton run ${run.id}`);
    this.log(run, { kind: "run", outcome: "started", detail: event.name });
    this.enqueueCall(run, "step");
    return run;
  }

  enqueueCall(run: Run, stepId: string): void {
    run.calls++;
    const dropped = () => {
      if (!terminalStatuses.has(run.status)) return false;
      run.calls--;
      return true;
    };
    this.scheduler.enqueue(run.slots, () => this.call(run, stepId), dropped);
  }

  private async call(run: Run, stepId: string): Promise<void> {
    const attemptKey = stepId === "step" ? "$fn" : stepId;
    const attempt = run.attempts.get(attemptKey) ?? 0;
    const body = buildCallBody({
      runId: run.id,
      event: run.event,
      steps: run.memo,
      stack: run.stack,
      attempt,
      maxAttempts: run.fn.retries + 1,
      disableImmediateExecution: stepId !== "step" || run.sawParallelism,
    });
    const started = performance.now();
    let outcome: CallOutcome;
    try {
      const response = await this.options.transportFor(run.fn.url).request(callUrl(run.fn.url, stepId), {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-server-kind": "dev" },
        body,
      });
      outcome = parseCallResponse(response);
    } catch (err) {
      const message = `could not reach the serve handler at ${run.fn.url}: ${(err as Error).message}`;
      outcome = { kind: "error", retriable: true, retryAfter: null, error: { name: "Error", message } };
    }
    const durationMs = performance.now() - started;
    run.calls--;
    if (stepId !== "step") run.pending.delete(stepId);
    if (!terminalStatuses.has(run.status)) {
      this.handleOutcome(run, { stepId, attempt, durationMs }, outcome);
      this.maybeDiscover(run);
    }
    this.notify(run);
  }

  private handleOutcome(run: Run, call: CallInfo, outcome: CallOutcome): void {
    if (outcome.kind === "complete") return this.completeRun(run, outcome.data);
    if (outcome.kind === "ops") return applyOps(this, run, call, outcome.ops, outcome.retryAfter);
    // A function-level error: thrown outside any step, or the uncaught error of a failed step.
    const key = call.stepId === "step" ? "$fn" : call.stepId;
    this.recordStep(run, call, { id: call.stepId === "step" ? "(function)" : call.stepId, hash: key, op: "Function" }, outcome);
    if (outcome.retriable && this.scheduleRetry(run, key, call.stepId, outcome.retryAfter)) return;
    this.failRun(run, outcome.error);
  }

  /** Schedules the next attempt of `key`; false once retries are exhausted. */
  scheduleRetry(run: Run, key: string, stepId: string, retryAfter: string | null): boolean {
    const next = (run.attempts.get(key) ?? 0) + 1;
    if (next > run.fn.retries) return false;
    run.attempts.set(key, next);
    const now = this.clock.now();
    const at = parseRetryAfter(retryAfter, now) ?? now + retryDelay(next, this.options.backoff, this.options.random);
    const pendingKey = stepId === "step" ? "$retry" : stepId;
    this.addTimer(run, pendingKey, stepId === "step" ? "sleep" : "step", at, () => this.enqueueCall(run, stepId));
    return true;
  }

  /** A pending op that resolves at `at`; cancelled with the run. */
  addTimer(run: Run, pendingKey: string, kind: "sleep" | "step" | "wait" | "invoke", at: number, fire: () => void): void {
    const cancel = this.clock.setTimer(at, () => {
      run.timers.delete(cancel);
      run.pending.delete(pendingKey);
      if (terminalStatuses.has(run.status)) return;
      fire();
      this.maybeDiscover(run);
      this.notify(run);
    });
    run.timers.add(cancel);
    run.pending.set(pendingKey, { kind, cancel });
  }

  /** Stores a step result; enforces Inngest's per-step, per-run and step-count limits. */
  memoize(run: Run, hash: string, value: { data: unknown } | { error: unknown }): boolean {
    if (run.memo[hash] || terminalStatuses.has(run.status)) return false;
    const bytes = jsonBytes("data" in value ? value.data : value.error);
    const fail = (message: string) => {
      this.failRun(run, { name: "InngestLimitError", message });
      return false;
    };
    if (bytes > limits.stepOutputBytes) {
      return fail(`step output is ${bytes} bytes; Inngest's limit is ${limits.stepOutputBytes} (return ids, not contents)`);
    }
    if (run.stack.length + 1 > limits.stepsPerRun) return fail(`run exceeds Inngest's limit of ${limits.stepsPerRun} steps`);
    if (run.stateBytes + bytes > limits.runStateBytes) {
      return fail(`run state exceeds Inngest's limit of ${limits.runStateBytes} bytes`);
    }
    run.stateBytes += bytes;
    run.memo[hash] = value;
    run.stack.push(hash);
    run.needsDiscovery = true;
    return true;
  }

  /** Calls the function again once nothing of this run is in flight and no planned step is outstanding. */
  maybeDiscover(run: Run): void {
    if (terminalStatuses.has(run.status) || !run.needsDiscovery || run.calls > 0) return;
    if ([...run.pending.values()].some((pending) => pending.kind === "step")) return;
    run.needsDiscovery = false;
    this.enqueueCall(run, "step");
  }

  completeRun(run: Run, output: unknown): void {
    run.output = output;
    this.endRun(run, "completed", {});
    this.options.emit(internalEvent("inngest/function.finished", { function_id: run.fn.id, run_id: run.id, result: output }, this.clock.now()));
    if (run.parent) this.resolveParent(run.parent, { data: output ?? null });
  }

  failRun(run: Run, error: SerializedError): void {
    if (terminalStatuses.has(run.status)) return;
    run.error = error;
    this.endRun(run, "failed", { error: `${error.name}: ${error.message}` });
    const now = this.clock.now();
    this.options.emit(
      internalEvent("inngest/function.failed", { function_id: run.fn.id, run_id: run.id, error, event: run.event }, now),
    );
    this.options.emit(internalEvent("inngest/function.finished", { function_id: run.fn.id, run_id: run.id, error }, now));
    if (run.parent) this.resolveParent(run.parent, { error });
  }

  cancelRun(run: Run, reason: string): void {
    if (terminalStatuses.has(run.status)) return;
    run.error = { name: "RunCancelled", message: reason };
    this.endRun(run, "cancelled", { detail: reason });
    if (run.parent) this.resolveParent(run.parent, { error: run.error });
  }

  private endRun(run: Run, status: "completed" | "failed" | "cancelled" | "skipped", extra: { error?: string; detail?: string }): void {
    run.status = status;
    run.endedAt = this.clock.now();
    for (const cancel of run.timers) cancel();
    run.timers.clear();
    for (const pending of run.pending.values()) pending.cancel();
    run.pending.clear();
    this.log(run, { kind: "run", outcome: status, durationMs: run.endedAt - run.startedAt, ...extra });
    this.pruneRuns();
    this.notify(run);
  }

  private resolveParent(parent: NonNullable<Run["parent"]>, value: { data: unknown } | { error: unknown }): void {
    const run = this.runs.get(parent.runId);
    if (!run || !run.pending.has(parent.hash)) return;
    run.pending.get(parent.hash)?.cancel();
    run.pending.delete(parent.hash);
    this.memoize(run, parent.hash, value);
    this.maybeDiscover(run);
    this.notify(run);
  }

  recordStep(run: Run, call: CallInfo, step: Pick<StepRecord, "id" | "hash" | "op">, outcome: CallOutcome | StepRecord["outcome"], data?: unknown): void {
    const error = typeof outcome === "object" && outcome.kind === "error" ? outcome.error : undefined;
    const result: StepRecord["outcome"] =
      typeof outcome === "string" ? outcome : outcome.kind === "error" ? (outcome.retriable ? "retrying" : "failed") : "ok";
    const record: StepRecord = {
      ...step,
      attempt: call.attempt,
      durationMs: Math.round(call.durationMs * 100) / 100,
      outcome: result,
      outputBytes: jsonBytes(data),
      error: error && `${error.name}: ${error.message}`,
      at: this.clock.now(),
    };
    run.steps.push(record);
    this.log(run, { kind: "step", step: step.id, attempt: call.attempt, durationMs: record.durationMs, outcome: result, error: record.error });
  }

  log(run: Run, record: Omit<Parameters<Logger>[0], "fn" | "runId">): void {
    this.options.logger({ ...record, fn: run.fn.id, runId: run.id });
  }

  private activeRunWithSingletonKey(key: string): Run | undefined {
    for (const run of this.runs.values()) {
      if (run.singletonKey === key && !terminalStatuses.has(run.status)) return run;
    }
    return undefined;
  }

  private pruneRuns(): void {
    if (this.runs.size <= this.options.retainRuns + 100) return;
    for (const [id, run] of this.runs) {
      if (this.runs.size <= this.options.retainRuns) break;
      if (terminalStatuses.has(run.status)) this.runs.delete(id);
    }
  }

  isIdle(): boolean {
    return this.scheduler.inFlight === 0 && this.scheduler.queued === 0 && !this.clock.hasDueTimers();
  }

  subscribe(listener: (run?: Run) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(run?: Run): void {
    for (const listener of [...this.listeners]) listener(run);
  }

  summaries(): RunSummary[] {
    return [...this.runs.values()].map(summarize);
  }
}

export interface CallInfo {
  stepId: string;
  attempt: number;
  durationMs: number;
}

function concurrencySlots(fn: FunctionDefinition, scope: Record<string, unknown>): SlotKey[] {
  return fn.concurrency.map((rule) => {
    const key = rule.key ? evaluateKey(rule.key, scope) : "";
    const prefix = rule.scope === "fn" ? `fn:${fn.id}` : rule.scope;
    return { key: `${prefix}:${key}`, limit: rule.limit };
  });
}

export function internalEvent(name: string, data: Record<string, unknown>, now: number): EventPayload {
  return { id: randomUUID(), name, data, ts: now };
}
