import type { EmbeddingProvider } from "@repo/console-types";
import { systemClock, type Clock } from "./batching/clock";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./batching/retry-policy";
import type { ProviderRateLimiter } from "./batching/rate-limiter";
import type { BatchRunnerOptions } from "./batching/run-batches";
import { emptyStats, type EmbeddingStats, type OnEmbeddingRequest } from "./stats";

/** Options every remote provider shares: how the batcher sends and retries. */
export interface BatchingOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Injected time, for tests that must not sleep for real. */
  clock?: Clock;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Called after every HTTP request, retries included. */
  onRequest?: OnEmbeddingRequest;
  /**
   * The pace of the account and model, shared by every embedder of this process that uses them
   * (create one per key and model); without it, each embed() call paces itself alone.
   */
  limiter?: ProviderRateLimiter;
}

/** A provider that counts what it sent. */
export interface MeteredEmbeddingProvider extends EmbeddingProvider {
  readonly stats: Readonly<EmbeddingStats>;
  /**
   * How long embedding `texts` would first wait for the account's rate-limit budgets as this
   * process last learnt them (headers, 429s); 0 when it could start now or nothing is known.
   * Lets a caller give up its worker slot instead of sleeping in it.
   */
  budgetWaitMs?(texts: readonly string[]): number;
}

export function batchRunnerOptions(provider: string, options: BatchingOptions): BatchRunnerOptions {
  const runner: BatchRunnerOptions = {
    provider,
    concurrency: options.concurrency ?? 4,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    stats: emptyStats(),
  };
  if (options.onRequest) runner.onRequest = options.onRequest;
  if (options.limiter) runner.limiter = options.limiter;
  return runner;
}
