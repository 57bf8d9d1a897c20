import type { Clock } from "./clock";
import type { Expression } from "./expression";
import { ulid } from "./ids";
import type { RunJournal } from "./journal";
import type { Logger } from "./logger";
import type { SerializedError } from "./protocol";
import type { FunctionDefinition } from "./registry";
import type { EventPayload, PendingInfo, Run } from "./run-state";

// What ops, pending steps, the timeline and crons need from the executor. They act on runs through
// this interface rather than the Executor class, so the executor can import them without a cycle.

/** A `step.waitForEvent` in progress: it only sees events that arrive after it was registered. */
export interface Wait {
  run: Run;
  hash: string;
  event: string;
  if?: Expression;
}

/** A `step.waitForSignal` in progress; a signal name is waited on by one step at a time. */
export interface SignalWait {
  run: Run;
  hash: string;
}

export interface CallInfo {
  stepId: string;
  attempt: number;
  durationMs: number;
  /** The call's id (its `qi_id`), shown per step so a reader sees which steps one request ran. */
  request?: string;
}

export interface RunHost {
  readonly runs: Map<string, Run>;
  readonly functions: Map<string, FunctionDefinition>;
  readonly waits: Set<Wait>;
  readonly signals: Map<string, SignalWait>;
  readonly clock: Clock;
  readonly journal: RunJournal;
  startRun(fn: FunctionDefinition, event: EventPayload, origin?: { parent?: Run["parent"]; originalRunId?: string; id?: string }): Run;
  enqueueCall(run: Run, stepId: string): void;
  scheduleRetry(run: Run, key: string, stepId: string, retryAfter: string | null): boolean;
  armRetry(run: Run, key: string, info: Extract<PendingInfo, { type: "retry" }>, persist?: boolean): void;
  setAttempts(run: Run, key: string, n: number): void;
  setPending(run: Run, key: string, info: PendingInfo, cancel?: () => void, persist?: boolean): void;
  clearPending(run: Run, key: string): void;
  addTimer(run: Run, key: string, info: PendingInfo & { at: number }, fire: () => void, onCancel?: () => void, persist?: boolean): void;
  memoize(run: Run, hash: string, value: { data: unknown } | { error: unknown }, options?: { discover?: boolean }): boolean;
  maybeDiscover(run: Run): void;
  markParallel(run: Run): void;
  completeRun(run: Run, output: unknown): void;
  failRun(run: Run, error: SerializedError): void;
  log(run: Run, record: Omit<Parameters<Logger>[0], "fn" | "runId">): void;
  notify(run?: Run): void;
}

export function internalEvent(name: string, data: Record<string, unknown>, now: number): EventPayload {
  return { id: ulid(now), name, data, ts: now };
}
