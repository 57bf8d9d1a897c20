import { z } from "zod";
import type { TransportResponse } from "./transport";

/**
 * What the SDK's serve handler answers to a call request (inngest 4.x, execution version 2):
 * 200 → the function returned; 206 → a list of ops; 500 → retriable error; 400 or
 * `X-Inngest-No-Retry: true` → final error. `Retry-After` comes from RetryAfterError.
 */
export type CallOutcome =
  | { kind: "complete"; data: unknown }
  | { kind: "ops"; ops: Op[]; retryAfter: string | null }
  | { kind: "error"; retriable: boolean; retryAfter: string | null; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [key: string]: unknown;
}

const serializedError = z.looseObject({
  name: z.string().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
  stack: z.string().optional(),
});

export const opSchema = z.looseObject({
  op: z.string(),
  id: z.string(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  userland: z.looseObject({ id: z.string().optional() }).optional(),
  opts: z.record(z.string(), z.unknown()).nullish(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
  timing: z.unknown().optional(),
});
export type Op = z.infer<typeof opSchema>;

export function toSerializedError(value: unknown, fallback: string): SerializedError {
  const parsed = serializedError.safeParse(value);
  if (!parsed.success) return { name: "Error", message: fallback };
  const { name, message, error, ...rest } = parsed.data;
  return { ...rest, name: name ?? "Error", message: message ?? error ?? fallback };
}

export function parseCallResponse(response: TransportResponse): CallOutcome {
  const retryAfter = response.headers.get("retry-after");
  const noRetry = response.headers.get("x-inngest-no-retry") === "true";
  let body: unknown;
  try {
    body = response.body === "" ? null : JSON.parse(response.body);
  } catch {
    return {
      kind: "error",
      retriable: true,
      retryAfter,
      error: { name: "Error", message: `serve handler answered ${response.status} with a non-JSON body` },
    };
  }
  if (response.status === 200) return { kind: "complete", data: body };
  if (response.status === 206) {
    const ops = z.array(opSchema).safeParse(body);
    if (ops.success) return { kind: "ops", ops: ops.data, retryAfter };
    return { kind: "error", retriable: true, retryAfter, error: { name: "Error", message: `unreadable 206 body: ${ops.error.message}` } };
  }
  const retriable = !noRetry && response.status >= 500;
  return { kind: "error", retriable, retryAfter, error: toSerializedError(body, `serve handler answered ${response.status}`) };
}

export interface CallRequestInput {
  runId: string;
  event: Record<string, unknown>;
  events: Array<Record<string, unknown>>;
  steps: Record<string, { data: unknown } | { error: unknown }>;
  stack: string[];
  attempt: number;
  maxAttempts: number;
  disableImmediateExecution: boolean;
  /** Inngest's production fields; without them the SDK never checkpoints (the legacy mode). */
  checkpoint?: { fnId: string; queueItemId: string; useApi: boolean };
}

/**
 * The body of a call request. With `checkpoint`, `ctx.fn_id` (the function's internal id) and
 * `ctx.qi_id` (this call's queue item) switch the SDK to checkpointing: it runs steps inline and
 * posts their results to POST /v1/checkpoint/:runId/async. `use_api: true` tells it that `steps`
 * and `events` were left out and must be fetched from GET /v0/runs/:runId/{actions,batch}.
 */
export function buildCallBody(input: CallRequestInput): string {
  const { checkpoint } = input;
  return JSON.stringify({
    version: 2,
    event: input.event,
    events: input.events,
    steps: input.steps,
    ctx: {
      run_id: input.runId,
      ...(checkpoint ? { fn_id: checkpoint.fnId, qi_id: checkpoint.queueItemId, env: "dev" } : {}),
      attempt: input.attempt,
      max_attempts: input.maxAttempts,
      disable_immediate_execution: input.disableImmediateExecution,
      use_api: checkpoint?.useApi ?? false,
      stack: { stack: input.stack, current: Math.max(0, input.stack.length - 1) },
    },
  });
}

export function callUrl(functionUrl: string, stepId: string): string {
  const url = new URL(functionUrl);
  url.searchParams.set("stepId", stepId);
  return url.href;
}

/** A step's own duration from the SDK's `timing` ({ a: start, b: duration }, in ns), when it sent one. */
export function opDurationMs(op: Op): number | undefined {
  const timing = op.timing as { b?: unknown } | undefined;
  return typeof timing?.b === "number" ? Math.round(timing.b / 1e4) / 100 : undefined;
}

export const stepName = (op: Op) => op.displayName ?? op.userland?.id ?? op.name ?? op.id;
