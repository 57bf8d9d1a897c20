import type { FunctionDefinition } from "./registry";
import type { SerializedError } from "./protocol";
import type { SlotKey } from "./scheduler";

export interface EventPayload {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  [key: string]: unknown;
}

export type RunStatus = "queued" | "running" | "sleeping" | "waiting" | "completed" | "failed" | "cancelled" | "skipped";
export const terminalStatuses: ReadonlySet<RunStatus> = new Set(["completed", "failed", "cancelled", "skipped"]);

export interface StepRecord {
  id: string;
  hash: string;
  op: string;
  attempt: number;
  durationMs: number;
  outcome: "ok" | "retrying" | "failed" | "scheduled" | "timed-out";
  outputBytes: number;
  error?: string;
  at: number;
}

/** An op the run is waiting on: a sleep, a waitForEvent, an invoke, or a planned step call. */
export interface PendingOp {
  kind: "sleep" | "wait" | "invoke" | "step";
  cancel: () => void;
}

export interface Run {
  id: string;
  fn: FunctionDefinition;
  event: EventPayload;
  status: RunStatus;
  startedAt: number;
  endedAt?: number;
  output?: unknown;
  error?: SerializedError;
  memo: Record<string, { data: unknown } | { error: unknown }>;
  stack: string[];
  stateBytes: number;
  attempts: Map<string, number>;
  pending: Map<string, PendingOp>;
  /** Calls queued or running for this run; a discovery call waits until it is zero. */
  calls: number;
  needsDiscovery: boolean;
  /** Once a run has run steps in parallel, Inngest disables immediate execution for it. */
  sawParallelism: boolean;
  slots: SlotKey[];
  singletonKey?: string;
  parent?: { runId: string; hash: string };
  steps: StepRecord[];
  timers: Set<() => void>;
}

export interface RunSummary {
  id: string;
  functionId: string;
  status: RunStatus;
  event: { id: string; name: string };
  startedAt: string;
  endedAt?: string;
  durationMs?: number;
  output?: unknown;
  outputBytes: number;
  error?: SerializedError;
  steps: StepRecord[];
}

export function liveStatus(run: Run): RunStatus {
  if (terminalStatuses.has(run.status)) return run.status;
  if (run.calls > 0) return "running";
  const kinds = [...run.pending.values()].map((pending) => pending.kind);
  if (kinds.includes("wait") || kinds.includes("invoke")) return "waiting";
  if (kinds.includes("sleep")) return "sleeping";
  return "queued";
}

export function summarize(run: Run): RunSummary {
  return {
    id: run.id,
    functionId: run.fn.id,
    status: liveStatus(run),
    event: { id: run.event.id, name: run.event.name },
    startedAt: new Date(run.startedAt).toISOString(),
    endedAt: run.endedAt === undefined ? undefined : new Date(run.endedAt).toISOString(),
    durationMs: run.endedAt === undefined ? undefined : run.endedAt - run.startedAt,
    output: run.output,
    outputBytes: run.output === undefined ? 0 : Buffer.byteLength(JSON.stringify(run.output) ?? ""),
    error: run.error,
    steps: run.steps,
  };
}
