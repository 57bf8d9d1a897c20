import { classifyError } from "./classify-error";
import { PineconeStoreError, type PineconeOperation } from "./errors";

export interface RetryPolicy {
  /** Attempts per call, the first included, when Pinecone answers 429. */
  maxAttempts: number;
  /** Backoff when the 429 names no wait: baseDelayMs · 2^(attempt-1), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for a longer wait than this fails the call (retryable) instead of sleeping. */
  maxRetryAfterMs: number;
  /** Up to this fraction is added to each wait so concurrent callers spread out. */
  jitter: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 20_000, maxRetryAfterMs: 60_000, jitter: 0.25 };

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Runs `call`, retrying only 429s (the SDK already retries 5xx): it waits at least what the server
 * asked, or the exponential backoff if longer, plus jitter. Anything else, or running out of
 * attempts, throws a PineconeStoreError that says whether a later retry can help.
 */
export async function withRetry<T>(operation: PineconeOperation, policy: RetryPolicy, call: () => Promise<T>, hooks: RetryHooks = {}): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = hooks.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = classifyError(error);
      if (!failure.rateLimited || attempt >= policy.maxAttempts) throw new PineconeStoreError(operation, failure, attempt, error);
      const asked = failure.rateLimited.retryAfterMs ?? 0;
      if (asked > policy.maxRetryAfterMs) {
        throw new PineconeStoreError(
          operation,
          { ...failure, message: `rate limited; the server asks to wait ${asked} ms, more than the ${policy.maxRetryAfterMs} ms allowed` },
          attempt,
          error,
        );
      }
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.max(asked, backoff) * (1 + policy.jitter * random()));
    }
  }
}
