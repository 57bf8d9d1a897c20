import { SourceError } from "@repo/console-github";
import { NonRetriableError, RetryAfterError } from "inngest";
import { isErrorShape } from "../items/errors";

/**
 * Maps package errors to Inngest's retry semantics: what a retry cannot fix (unknown branch, not
 * a repository, unauthorised, not found) stops at once; rate limits wait as long as told.
 */
export function toInngestError(error: unknown): unknown {
  if (error instanceof SourceError && !error.retryable) return new NonRetriableError(error.message, { cause: error });
  if (error instanceof SourceError && error.retryAfterSeconds) return new RetryAfterError(error.message, error.retryAfterSeconds * 1000, { cause: error });
  // Item sources (ConnectorError): a revoked token stops at once, a rate limit waits as told.
  if (error instanceof SourceError || !isErrorShape(error)) return error;
  if (!error.retryable) return new NonRetriableError(error.message, { cause: error });
  if (error.retryAfterMs) return new RetryAfterError(error.message, error.retryAfterMs, { cause: error });
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
    if ((e instanceof SourceError || isErrorShape(e)) && !e.retryable) return true;
  }
  return false;
}
