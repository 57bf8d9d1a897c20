import type { HeaderReader } from "./server-wait";

export interface RetryPolicy {
  /** Attempts per batch, the first one included. */
  maxAttempts: number;
  /** First backoff when the server names no wait; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server wait longer than this fails the batch (retryable) instead of sleeping through it. */
  maxServerWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxServerWaitMs: 60_000,
};

/** What a provider's SDK error means for the batcher. */
export interface ProviderFailure {
  retryable: boolean;
  /** True for 429: the wait then applies to every request, not just this batch. */
  rateLimited: boolean;
  status?: number;
  /** The wait the server asked for, when it named one. */
  serverWaitMs?: number;
  message: string;
  /** The answer's headers, when there was an answer (its rate-limit budgets). */
  headers?: HeaderReader;
}

/** Exponential backoff with "equal jitter": never less than half the step, so waits still grow. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return step / 2 + random() * (step / 2);
}

/** Statuses where the same request can succeed later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
