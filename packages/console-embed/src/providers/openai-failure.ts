import { findHttpLimitError } from "@repo/http-limits";
import type * as OpenAISdk from "openai";
import { isRetryableStatus, type ProviderFailure } from "../batching/retry-policy";
import { serverWaitMs } from "../batching/server-wait";

/** Maps an OpenAI SDK error to what the batcher should do with it; `sdk` is the loaded SDK. */
export function classifyOpenAIError(
  error: unknown,
  sdk: Pick<typeof OpenAISdk, "APIConnectionError" | "APIConnectionTimeoutError" | "APIError" | "APIUserAbortError">,
): ProviderFailure {
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } = sdk;
  const limit = findHttpLimitError(error);
  if (limit) return { retryable: limit.retryable, rateLimited: false, message: limit.message };
  if (error instanceof APIUserAbortError) return { retryable: false, rateLimited: false, message: "request aborted" };
  if (error instanceof APIConnectionTimeoutError) return { retryable: true, rateLimited: false, message: "request timed out" };
  if (error instanceof APIConnectionError) return { retryable: true, rateLimited: false, message: `connection failed: ${error.message}` };
  if (error instanceof APIError && error.status !== undefined) {
    // A 429 for an exhausted quota (billing) will not pass by waiting.
    const quota = error.status === 429 && error.code === "insufficient_quota";
    const wait = serverWaitMs(error.headers);
    return {
      retryable: !quota && isRetryableStatus(error.status),
      rateLimited: error.status === 429 && !quota,
      status: error.status,
      ...(wait === undefined ? {} : { serverWaitMs: wait }),
      ...(error.headers ? { headers: error.headers } : {}),
      message: error.message,
    };
  }
  return { retryable: false, rateLimited: false, message: error instanceof Error ? error.message : String(error) };
}
