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
  outcome: "ok" | "retrying" | "failed" | "scheduled" | "timed-out" | "cancelled";
  outputBytes: number;
  error?: string;
  at: number;
  /** The output as JSON, cut to a preview (the full value stays in the run's state). */
  output?: string;
  stack?: string;
  /** What a sleep, wait, signal or invoke waits for, or how it ended. */
  detail?: string;
  /** The call (Inngest's queue item) that reported this step. */
  request?: string;
  /** How the SDK reported it: in the call's answer, or posted to the checkpoint API during the call. */
  via?: "response" | "checkpoint";
}

/**
 * An op the run is waiting on, in a form that survives a restart: each is re-armed from this
 * (timers at their original deadlines, waits re-registered, planned calls re-queued).
 */
export type PendingInfo =
  | { type: "sleep"; at: number }
  | { type: "wait"; at: number; event: string; if?: string }
  | { type: "signal"; at: number; signal: string }
  | { type: "invoke"; at?: number; functionId: string; childRunId?: string }
  | { type: "planned" }
  | { type: "retry"; at: number; stepId: string };

export interface PendingOp {
  kind: "sleep" | "wait" | "invoke" | "step";
  info: PendingInfo;
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
  /** Set on a rerun: the run whose event it replays. */
  originalRunId?: string;
  /** Restored from the data directory and not yet resumed (its app has not synced in this process). */
  dormant?: boolean;
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
  originalRunId?: string;
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
    ...(run.originalRunId ? { originalRunId: run.originalRunId } : {}),
  };
}

/** Which of the run's states a pending op puts it in (sleeping, waiting), and whether it blocks discovery ("step"). */
export function pendingKind(info: PendingInfo): PendingOp["kind"] {
  switch (info.type) {
    case "sleep":
      return "sleep";
    case "wait":
    case "signal":
      return "wait";
    case "invoke":
      return "invoke";
    case "planned":
      return "step";
    case "retry":
      return info.stepId === "step" ? "sleep" : "step";
  }
}

const PREVIEW_CHARS = 2_000;

/** JSON of a step output or error, cut for display. */
export function preview(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value) ?? "null";
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}… (${text.length} chars)` : text;
}
