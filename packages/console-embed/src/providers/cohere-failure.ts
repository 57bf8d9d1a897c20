import { findHttpLimitError } from "@repo/http-limits";
import type { CohereError, CohereTimeoutError } from "cohere-ai";
import { isRetryableStatus, type ProviderFailure } from "../batching/retry-policy";
import { serverWaitMs } from "../batching/server-wait";

/** The SDK's error classes (passed in: the SDK is loaded only when a Cohere embedder is used). */
export interface CohereErrorClasses {
  CohereError: typeof CohereError;
  CohereTimeoutError: typeof CohereTimeoutError;
}

/** Maps a cohere-ai SDK error to what the batcher should do with it. */
export function classifyCohereError(error: unknown, { CohereError, CohereTimeoutError }: CohereErrorClasses): ProviderFailure {
  const limit = findHttpLimitError(error);
  if (limit) return { retryable: limit.retryable, rateLimited: false, message: limit.message };
  if (error instanceof CohereTimeoutError) return { retryable: true, rateLimited: false, message: "request timed out" };
  if (error instanceof CohereError) {
    // No status code means the request never got an answer (connection refused, reset).
    if (error.statusCode === undefined) return { retryable: true, rateLimited: false, message: `connection failed: ${firstLine(error.message)}` };
    const wait = serverWaitMs(error.rawResponse?.headers);
    return {
      retryable: isRetryableStatus(error.statusCode),
      rateLimited: error.statusCode === 429,
      status: error.statusCode,
      ...(wait === undefined ? {} : { serverWaitMs: wait }),
      message: bodyMessage(error.body) ?? firstLine(error.message),
    };
  }
  return { retryable: false, rateLimited: false, message: error instanceof Error ? error.message : String(error) };
}

function bodyMessage(body: unknown): string | undefined {
  if (typeof body === "object" && body !== null && "message" in body && typeof body.message === "string") return body.message;
  return undefined;
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0] ?? message;
}
