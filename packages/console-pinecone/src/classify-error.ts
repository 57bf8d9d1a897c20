import { Errors } from "@pinecone-database/pinecone";
import { findHttpLimitError } from "@repo/http-limits";
import { PineconeStoreError, type PineconeFailure } from "./errors";
import { RateLimitedResponse } from "./rate-limit-fetch";

export interface ClassifiedFailure extends PineconeFailure {
  rateLimited?: RateLimitedResponse;
}

/** Maps what the SDK throws to a message and whether a retry can help. */
export function classifyError(error: unknown): ClassifiedFailure {
  const rateLimited = findCause(error, RateLimitedResponse);
  if (rateLimited) return { message: rateLimited.message, retryable: true, status: 429, rateLimited };
  const limit = findHttpLimitError(error);
  if (limit) return { message: limit.message, retryable: limit.retryable };
  if (error instanceof PineconeStoreError) return { message: error.reason, retryable: error.retryable, status: error.status };
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Errors.PineconeMaxRetriesExceededError)
    return { message: `server errors persisted through the SDK's retries: ${message}`, retryable: true };
  if (error instanceof Errors.PineconeInternalServerError) return { message, retryable: true, status: 500 };
  if (error instanceof Errors.PineconeUnavailableError) return { message, retryable: true, status: 503 };
  if (error instanceof Errors.PineconeConnectionError) return { message: `${message} (${causeMessage(error)})`, retryable: true };
  if (error instanceof Errors.PineconeBadRequestError) return { message, retryable: false, status: 400 };
  if (error instanceof Errors.PineconeAuthorizationError) return { message: "the API key was rejected", retryable: false, status: 401 };
  if (error instanceof Errors.PineconeNotFoundError) return { message, retryable: false, status: 404 };
  if (error instanceof Errors.PineconeConflictError) return { message, retryable: false, status: 409 };
  return { message, retryable: false };
}

function findCause<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    if (current instanceof type) return current;
  }
  return undefined;
}

function causeMessage(error: Error): string {
  let current: unknown = error.cause;
  let last = "no cause given";
  for (let depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) last = current.message;
  return last;
}
