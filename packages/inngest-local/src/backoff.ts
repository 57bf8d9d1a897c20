export interface BackoffOptions {
  /** Delay before the first retry; doubles for each further attempt. */
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * retries of many runs failing together spread out instead of hitting a service at once.
 */
export function retryDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
