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

/** Whether an error (possibly serialized across an invoke) said that retrying cannot help. */
export function isNonRetriable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof NonRetriableError || e.name === "NonRetriableError") return true;
  }
  return errorShapeOf(error)?.retryable === false;
}
