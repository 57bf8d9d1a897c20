import { EmbeddingError } from "../errors";
import type { EmbeddingStats, OnEmbeddingRequest } from "../stats";
import type { Clock } from "./clock";
import { ProviderRateLimiter } from "./rate-limiter";
import type { HeaderReader } from "./server-wait";
import { backoffDelayMs, type ProviderFailure, type RetryPolicy } from "./retry-policy";

export interface BatchRunnerOptions {
  provider: string;
  /** Requests in flight at once. */
  concurrency: number;
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  stats: EmbeddingStats;
  onRequest?: OnEmbeddingRequest;
  /** The pace shared with every other caller of the same account and model; one per call otherwise. */
  limiter?: ProviderRateLimiter;
}

export interface BatchCall {
  /** Returns one vector per index, in order, the tokens the request used and the answer's headers. */
  send(indexes: readonly number[]): Promise<{ vectors: number[][]; tokens: number; headers?: HeaderReader }>;
  classify(error: unknown): ProviderFailure;
  /** What a request of these texts costs against a tokens-per-minute budget (0 when none applies). */
  tokens?(indexes: readonly number[]): number;
}

interface BatchFailure {
  indexes: readonly number[];
  failure: ProviderFailure;
  attempts: number;
  cause: unknown;
}

/**
 * Sends `batches` of `texts` with bounded concurrency, retrying 429/5xx with the server's wait or
 * exponential backoff. Returns every vector in input order, or throws one EmbeddingError naming
 * every text without a vector: a batch is never dropped. After a batch fails for good no new
 * batch starts (an outage should not burn the rest of the quota), and in-flight ones finish.
 */
export async function runBatches(
  texts: readonly string[],
  batches: readonly (readonly number[])[],
  call: BatchCall,
  options: BatchRunnerOptions,
): Promise<number[][]> {
  const vectors: Array<number[] | undefined> = new Array(texts.length);
  const limiter = options.limiter ?? new ProviderRateLimiter(options.clock, { maxInFlight: options.concurrency });
  const failures: BatchFailure[] = [];
  let next = 0;

  const worker = async () => {
    while (failures.length === 0 && next < batches.length) {
      const indexes = batches[next++]!;
      const outcome = await sendWithRetries(indexes, call, limiter, options);
      if ("failure" in outcome) failures.push(outcome);
      else outcome.vectors.forEach((vector, i) => (vectors[indexes[i]!] = vector));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, batches.length)) }, worker));

  if (failures.length === 0) return vectors as number[][];
  throw toEmbeddingError(texts, vectors, failures, options.provider);
}

async function sendWithRetries(
  indexes: readonly number[],
  call: BatchCall,
  limiter: ProviderRateLimiter,
  options: BatchRunnerOptions,
): Promise<{ vectors: number[][] } | BatchFailure> {
  const { policy, clock, stats } = options;
  const cost = call.tokens?.(indexes) ?? 0;
  for (let attempt = 1; ; attempt++) {
    const permit = await limiter.acquire(cost);
    const started = clock.now();
    stats.requests += 1;
    if (attempt > 1) stats.retries += 1;
    try {
      const { vectors, tokens, headers } = await call.send(indexes);
      permit.settle(headers);
      if (vectors.length !== indexes.length) {
        const message = `the service returned ${vectors.length} vectors for ${indexes.length} texts`;
        return { indexes, failure: { retryable: false, rateLimited: false, message }, attempts: attempt, cause: undefined };
      }
      stats.texts += indexes.length;
      stats.tokens += tokens;
      options.onRequest?.({ provider: options.provider, attempt, texts: indexes.length, ok: true, durationMs: clock.now() - started });
      return { vectors };
    } catch (error) {
      const failure = call.classify(error);
      permit.settle(failure.headers);
      stats.failedRequests += 1;
      const event = { provider: options.provider, attempt, texts: indexes.length, ok: false, durationMs: clock.now() - started };
      options.onRequest?.(failure.status === undefined ? event : { ...event, status: failure.status });
      const tooLong = failure.serverWaitMs !== undefined && failure.serverWaitMs > policy.maxServerWaitMs;
      if (!failure.retryable || attempt >= policy.maxAttempts || tooLong) {
        const message = tooLong ? `${failure.message}; the server asked to wait ${failure.serverWaitMs} ms` : failure.message;
        return { indexes, failure: { ...failure, message }, attempts: attempt, cause: error };
      }
      const waitMs = failure.serverWaitMs ?? backoffDelayMs(attempt, policy, options.random);
      // A rate limit holds every request back; other failures only delay this batch.
      if (failure.rateLimited) limiter.pauseFor(waitMs);
      else await clock.sleep(waitMs);
    }
  }
}

function toEmbeddingError(texts: readonly string[], vectors: ReadonlyArray<number[] | undefined>, failures: BatchFailure[], provider: string): EmbeddingError {
  const embedded = new Map<number, number[]>();
  const missing: number[] = [];
  vectors.forEach((vector, index) => (vector ? embedded.set(index, vector) : undefined));
  for (let index = 0; index < texts.length; index++) if (!vectors[index]) missing.push(index);
  const first = failures[0]!;
  return new EmbeddingError({
    provider,
    // A later attempt can only help if every failure was of the kind that passes.
    retryable: failures.every((f) => f.failure.retryable),
    indexes: missing,
    texts: missing.map((index) => texts[index]!),
    status: first.failure.status,
    attempts: first.attempts,
    reason: first.failure.message,
    embedded,
    cause: first.cause,
  });
}
