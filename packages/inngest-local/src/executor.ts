import { retryDelay, type BackoffOptions } from "./backoff";
import { callFunction } from "./call";
import type { Clock } from "./clock";
import { parseRetryAfter } from "./duration";
import { EventLog } from "./event-log";
import { evaluateKey } from "./expression";
import { ulid } from "./ids";
import type { RunJournal } from "./journal";
import { jsonBytes, limits } from "./limits";
import type { Logger } from "./logger";
import { applyOps } from "./ops";
import { internalEvent, type CallInfo, type RunHost, type SignalWait, type Wait } from "./run-host";
import type { CallOutcome, SerializedError } from "./protocol";
import type { FunctionDefinition } from "./registry";
import { pendingKind, summarize, terminalStatuses, type EventPayload, type PendingInfo, type Run, type RunSummary } from "./run-state";
import { ConcurrencyScheduler, type SlotKey } from "./scheduler";
import { recordStep, recordUnresumedOps, resolveOp } from "./timeline";
import type { Transport } from "./transport";

export type ProtocolMode = "checkpoint" | "legacy";

export interface ExecutorOptions {
  clock: Clock;
  logger: Logger;
  transportFor: (url: string) => Transport;
  backoff: BackoffOptions;
  random: () => number;
  maxInFlight: number;
  /** Finished runs kept for `runs()`, the REST API and the runs UI. */
  retainRuns: number;
  retainEvents: number;
  mode: ProtocolMode;
  sdkRequestBodyLimit: number;
  journal: RunJournal;
  /** Receives internal events (function.failed, function.finished) so triggers and waits see them. */
  emit: (event: EventPayload) => void;
}

type Ending = "completed" | "failed" | "cancelled" | "skipped";

/** Runs functions by calling their serve handler until each run completes, fails or is cancelled. */
export class Executor implements RunHost {
  readonly runs = new Map<string, Run>();
  readonly functions = new Map<string, FunctionDefinition>();
  readonly waits = new Set<Wait>();
  readonly signals = new Map<string, SignalWait>();
  readonly events: EventLog;
  /** Calls in flight by id: the checkpoint API accepts results only from a live call of the run. */
  readonly liveCalls = new Map<string, { run: Run; attempt: number }>();
  /** Set by stop() with a data directory: in-flight answers are dropped, runs stay as journaled. */
  halted = false;
  private readonly scheduler: ConcurrencyScheduler;
  private readonly listeners = new Set<(run?: Run) => void>();

  constructor(readonly options: ExecutorOptions) {
    this.scheduler = new ConcurrencyScheduler(options.maxInFlight, () => this.notify());
    this.events = new EventLog(options.retainEvents);
  }

  get clock(): Clock {
    return this.options.clock;
  }

  get journal(): RunJournal {
    return this.options.journal;
  }

  /** Starts a run now. Flow control (debounce, idempotency) has already been applied by the caller. */
  startRun(fn: FunctionDefinition, event: EventPayload, origin: { parent?: Run["parent"]; originalRunId?: string; id?: string } = {}): Run {
    const singletonKey = fn.singleton && `${fn.id}:${fn.singleton.key ? evaluateKey(fn.singleton.key, { event }) : ""}`;
    const run = this.newRun(fn, event, { ...origin, id: origin.id ?? ulid(this.clock.now()), startedAt: this.clock.now(), singletonKey });
    const active = singletonKey ? this.activeRunWithSingletonKey(singletonKey) : undefined;
    this.runs.set(run.id, run);
    this.journal.append({
      t: "run",
      id: run.id,
      fn: { id: fn.id, name: fn.name, appName: fn.appName },
      event,
      startedAt: run.startedAt,
      ...(origin.parent ? { parent: origin.parent } : {}),
      ...(singletonKey ? { singletonKey } : {}),
      ...(origin.originalRunId ? { originalRunId: origin.originalRunId } : {}),
    });
    if (active && fn.singleton?.mode === "skip") {
      this.endRun(run, "skipped", { detail: `singleton run ${active.id} is still active` });
      return run;
    }
    if (active) this.cancelRun(active, `replaced by singleton run ${run.id}`);
    this.log(run, { kind: "run", outcome: "started", detail: event.name });
    this.enqueueCall(run, "step");
    return run;
  }

  newRun(fn: FunctionDefinition, event: EventPayload, fields: Pick<Run, "id" | "startedAt" | "singletonKey" | "parent" | "originalRunId">): Run {
    return {
      ...fields,
      fn,
      event,
      status: "queued",
      memo: {},
      stack: [],
      stateBytes: 0,
      attempts: new Map(),
      pending: new Map(),
      calls: 0,
      needsDiscovery: false,
      sawParallelism: false,
      slots: concurrencySlots(fn, { event }),
      steps: [],
      timers: new Set(),
    };
  }

  enqueueCall(run: Run, stepId: string): void {
    run.calls++;
    const dropped = () => {
      if (!terminalStatuses.has(run.status) && !this.halted) return false;
      run.calls--;
      return true;
    };
    this.scheduler.enqueue(run.slots, () => this.call(run, stepId), dropped);
  }

  private async call(run: Run, stepId: string): Promise<void> {
    const attempt = run.attempts.get(stepId === "step" ? "$fn" : stepId) ?? 0;
    const request = ulid(this.clock.now());
    this.liveCalls.set(request, { run, attempt });
    const started = performance.now();
    const outcome = await callFunction(this, run, stepId, attempt, request);
    this.liveCalls.delete(request);
    run.calls--;
    if (this.halted) return;
    if (stepId !== "step") this.clearPending(run, stepId);
    if (!terminalStatuses.has(run.status)) {
      this.handleOutcome(run, { stepId, attempt, durationMs: performance.now() - started, request }, outcome);
      this.maybeDiscover(run);
    }
    this.notify(run);
  }

  private handleOutcome(run: Run, call: CallInfo, outcome: CallOutcome): void {
    if (outcome.kind === "complete") return this.completeRun(run, outcome.data);
    if (outcome.kind === "ops") return applyOps(this, run, call, outcome.ops, outcome.retryAfter);
    // A function-level error: thrown outside any step, or the uncaught error of a failed step.
    const key = call.stepId === "step" ? "$fn" : call.stepId;
    recordStep(this, run, call, { id: call.stepId === "step" ? "(function)" : call.stepId, hash: key, op: "Function" }, outcome);
    if (outcome.retriable && this.scheduleRetry(run, key, call.stepId, outcome.retryAfter)) return;
    this.failRun(run, outcome.error);
  }

  /** Schedules the next attempt of `key`; false once retries are exhausted. */
  scheduleRetry(run: Run, key: string, stepId: string, retryAfter: string | null): boolean {
    const next = (run.attempts.get(key) ?? 0) + 1;
    if (next > run.fn.retries) return false;
    this.setAttempts(run, key, next);
    const now = this.clock.now();
    const at = parseRetryAfter(retryAfter, now) ?? now + retryDelay(next, this.options.backoff, this.options.random);
    this.armRetry(run, stepId === "step" ? "$retry" : stepId, { type: "retry", at, stepId });
    return true;
  }

  /** A step retry stays pending until its call answers (a restart then re-runs it); a function retry until its timer fires. */
  armRetry(run: Run, key: string, info: Extract<PendingInfo, { type: "retry" }>, persist = true): void {
    this.addTimer(
      run,
      key,
      info,
      () => {
        if (info.stepId === "step") this.clearPending(run, key);
        this.enqueueCall(run, info.stepId);
      },
      undefined,
      persist,
    );
  }

  setAttempts(run: Run, key: string, n: number): void {
    if ((run.attempts.get(key) ?? 0) === n) return;
    if (n === 0) run.attempts.delete(key);
    else run.attempts.set(key, n);
    this.journal.append({ t: "attempts", run: run.id, key, n });
  }

  setPending(run: Run, key: string, info: PendingInfo, cancel: () => void = () => {}, persist = true): void {
    run.pending.set(key, { kind: pendingKind(info), info, cancel });
    if (persist) this.journal.append({ t: "pending", run: run.id, key, info });
  }

  clearPending(run: Run, key: string): void {
    if (!run.pending.delete(key)) return;
    this.journal.append({ t: "settled", run: run.id, key });
  }

  /** A pending op that fires at `info.at` unless the run ends or `onCancel`'s owner resolves it first. */
  addTimer(run: Run, key: string, info: PendingInfo & { at: number }, fire: () => void, onCancel?: () => void, persist = true): void {
    const cancelTimer = this.clock.setTimer(info.at, () => {
      run.timers.delete(cancel);
      if (terminalStatuses.has(run.status) || this.halted) return;
      fire();
      this.maybeDiscover(run);
      this.notify(run);
    });
    const cancel = () => {
      cancelTimer();
      run.timers.delete(cancel);
      onCancel?.();
    };
    run.timers.add(cancel);
    this.setPending(run, key, info, cancel, persist);
  }

  /** Stores a step result; enforces Inngest's per-step, per-run and step-count limits. */
  memoize(run: Run, hash: string, value: { data: unknown } | { error: unknown }, options: { discover?: boolean } = {}): boolean {
    if (run.memo[hash] || terminalStatuses.has(run.status)) return false;
    const bytes = jsonBytes("data" in value ? value.data : value.error);
    const limitError = stepLimitError(run, bytes);
    if (limitError) {
      this.failRun(run, { name: "InngestLimitError", message: limitError });
      return false;
    }
    run.stateBytes += bytes;
    run.memo[hash] = value;
    run.stack.push(hash);
    // A result checkpointed during a call is picked up by that call itself, not a new discovery.
    if (options.discover !== false) run.needsDiscovery = true;
    this.journal.append({ t: "memo", run: run.id, hash, value });
    return true;
  }

  /** Calls the function again once nothing of this run is in flight and no planned step is outstanding. */
  maybeDiscover(run: Run): void {
    if (terminalStatuses.has(run.status) || run.dormant || !run.needsDiscovery || run.calls > 0 || this.halted) return;
    if ([...run.pending.values()].some((pending) => pending.kind === "step")) return;
    run.needsDiscovery = false;
    this.enqueueCall(run, "step");
  }

  markParallel(run: Run): void {
    if (run.sawParallelism) return;
    run.sawParallelism = true;
    this.journal.append({ t: "parallel", run: run.id });
  }

  completeRun(run: Run, output: unknown): void {
    run.output = output;
    this.endRun(run, "completed", {});
    this.options.emit(internalEvent("inngest/function.finished", { function_id: run.fn.id, run_id: run.id, result: output }, this.clock.now()));
    if (run.parent) this.resolveParent(run, { data: output ?? null });
  }

  failRun(run: Run, error: SerializedError): void {
    if (terminalStatuses.has(run.status)) return;
    run.error = error;
    this.endRun(run, "failed", { error: `${error.name}: ${error.message}` });
    const now = this.clock.now();
    this.options.emit(internalEvent("inngest/function.failed", { function_id: run.fn.id, run_id: run.id, error, event: run.event }, now));
    this.options.emit(internalEvent("inngest/function.finished", { function_id: run.fn.id, run_id: run.id, error }, now));
    if (run.parent) this.resolveParent(run, { error });
  }

  cancelRun(run: Run, reason: string): void {
    if (terminalStatuses.has(run.status)) return;
    run.error = { name: "RunCancelled", message: reason };
    this.endRun(run, "cancelled", { detail: reason });
    if (run.parent) this.resolveParent(run, { error: run.error });
  }

  endRun(run: Run, status: Ending, extra: { error?: string; detail?: string }): void {
    recordUnresumedOps(this, run, status);
    run.status = status;
    run.endedAt = this.clock.now();
    run.dormant = false;
    for (const cancel of [...run.timers]) cancel();
    run.timers.clear();
    for (const pending of run.pending.values()) pending.cancel();
    run.pending.clear();
    // A finished run's state is no longer served (Inngest answers 410); its timeline and output stay.
    run.memo = {};
    run.stack = [];
    this.journal.append({
      t: "end",
      run: run.id,
      status,
      endedAt: run.endedAt,
      ...(run.output !== undefined ? { output: run.output } : {}),
      ...(run.error ? { error: run.error } : {}),
    });
    this.log(run, { kind: "run", outcome: status, durationMs: run.endedAt - run.startedAt, ...extra });
    this.pruneRuns();
    this.notify(run);
  }

  private resolveParent(child: Run, value: { data: unknown } | { error: unknown }): void {
    const parent = child.parent && this.runs.get(child.parent.runId);
    if (!parent || !child.parent) return;
    const ok = "data" in value;
    resolveOp(this, parent, child.parent.hash, value, { outcome: ok ? "ok" : "failed", detail: `invoked run ${child.id} ${child.status}` });
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

  pruneRuns(): void {
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

function stepLimitError(run: Run, bytes: number): string | undefined {
  if (bytes > limits.stepOutputBytes) return `step output is ${bytes} bytes; Inngest's limit is ${limits.stepOutputBytes} (return ids, not contents)`;
  if (run.stack.length + 1 > limits.stepsPerRun) return `run exceeds Inngest's limit of ${limits.stepsPerRun} steps`;
  if (run.stateBytes + bytes > limits.runStateBytes) return `run state exceeds Inngest's limit of ${limits.runStateBytes} bytes`;
  return undefined;
}

/** The limit a step of `bytes` would break, checked before a checkpoint is accepted. */
export const checkStepLimits = stepLimitError;

export function concurrencySlots(fn: FunctionDefinition, scope: Record<string, unknown>): SlotKey[] {
  return fn.concurrency.map((rule) => {
    const key = rule.key ? evaluateKey(rule.key, scope) : "";
    const prefix = rule.scope === "fn" ? `fn:${fn.id}` : rule.scope;
    return { key: `${prefix}:${key}`, limit: rule.limit };
  });
}
