import { errorShapeOf } from "@repo/console-types";
import { NonRetriableError, RetryAfterError } from "inngest";

/**
 * The one place package errors meet Inngest's retry semantics. Every package error carries
 * `{ code, retryable, retryAfterMs? }` (console-types): what a retry cannot fix (unknown branch,
 * unauthorised, not found, a bad embedding request) stops at once; a wait the service asked for
 * (rate limits) is honoured; anything else is left to the function's retries.
 */
export function toInngestError(error: unknown): unknown {
  const shape = errorShapeOf(error);
  if (!shape) return error;
  if (!shape.retryable) return new NonRetriableError(shape.message, { cause: error });
  if (shape.retryAfterMs) return new RetryAfterError(shape.message, shape.retryAfterMs, { cause: error });
  return error;
}

/** A readable message for the job row and the CLI. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? error.cause.message : error.message;
  return String(error);
}

/**
 * The error-contract code an error carries, for the job row: the first `code` in its cause chain.
 * Inngest keeps `code` and `cause` when it serializes an error across `step.invoke`, but not
 * `retryable`, so this reads the code alone.
 */
export function errorCodeOf(error: unknown): string | null {
  const shape = errorShapeOf(error);
  if (shape) return shape.code;
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.length > 0) return code;
  }
  return null;
}

/** Whether an error (possibly serialized across an invoke) said that retrying cannot help. */
export function isNonRetriable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof NonRetriableError || e.name === "NonRetriableError") return true;
  }
  return errorShapeOf(error)?.retryable === false;
}
