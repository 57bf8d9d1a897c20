import type { Clock } from "./clock";
import { parseDuration, type HeaderReader } from "./server-wait";

/** One budget (requests or tokens) as the provider last reported it, less what was sent since. */
interface Budget {
  limit: number;
  available: number;
  /** When the provider said the budget is whole again. */
  resetAt: number;
}

export interface RateLimiterOptions {
  /** Requests in flight at most, whatever the budgets allow (memory and socket bound). */
  maxInFlight?: number;
}

/** A request allowed to go; `settle` once with the answer's headers (or none). */
export interface RatePermit {
  settle(headers: HeaderReader | undefined): void;
}

const KINDS = ["requests", "tokens"] as const;
/** Two answers whose reset times are this close describe the same window. */
const SAME_WINDOW_MS = 1000;

/**
 * The pace of one account and model, shared by every request this process sends to it.
 * It learns the request and token budgets from the x-ratelimit-limit/remaining/reset-* headers
 * of each answer and holds a request back until its cost fits what is left, or until the
 * budget resets; a 429 stops every request for the wait the server named. Until the first
 * answer only one request goes (a probe), so a cold start cannot burst past an unknown limit;
 * a provider that sends no such headers is paced by 429s and `maxInFlight` alone.
 */
export class ProviderRateLimiter {
  private readonly budgets: Partial<Record<(typeof KINDS)[number], Budget>> = {};
  private readonly inFlight = new Map<object, { requests: number; tokens: number }>();
  private answered = false;
  private pausedUntil = 0;
  private readonly maxInFlight: number;
  /** Requests waiting for an answer to free a slot or budget. */
  private settled: Array<() => void> = [];

  constructor(
    private readonly clock: Clock,
    options: RateLimiterOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 32;
  }

  /** Waits until a request costing `tokens` may go, and reserves its share of the budgets. */
  async acquire(tokens: number): Promise<RatePermit> {
    const cost = { requests: 1, tokens };
    for (let wait = this.waitMs(cost); wait !== 0; wait = this.waitMs(cost)) {
      if (wait === "answer") await new Promise<void>((resolve) => this.settled.push(resolve));
      else await this.clock.sleep(wait);
    }
    const key = {};
    this.inFlight.set(key, cost);
    for (const kind of KINDS) {
      const budget = this.budgets[kind];
      if (budget) budget.available -= cost[kind];
    }
    return {
      settle: (headers) => {
        if (!this.inFlight.delete(key)) return;
        this.answered = true;
        if (headers) this.observe(headers);
        const waiting = this.settled;
        this.settled = [];
        for (const wake of waiting) wake();
      },
    };
  }

  /**
   * How long a request costing `tokens` would wait for its budgets now (a pause after a 429, or
   * a budget's reset), without reserving anything; 0 when it could go, or when only answers in
   * flight hold it back (they come within a request's latency).
   */
  delayMs(tokens: number): number {
    const wait = this.waitMs({ requests: 1, tokens });
    return wait === "answer" ? 0 : wait;
  }

  /** A 429: nothing goes out before `ms` has passed. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** How long to sleep before looking again, or "answer" when only an answer can free budget. */
  private waitMs(cost: { requests: number; tokens: number }): number | "answer" {
    const now = this.clock.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    if (this.inFlight.size >= (this.answered ? this.maxInFlight : 1)) return "answer";
    let wait = 0;
    for (const kind of KINDS) {
      const budget = this.budgets[kind];
      if (!budget) continue;
      if (now >= budget.resetAt) budget.available = Math.max(budget.available, budget.limit - this.inFlightCost(kind));
      // A request larger than the whole budget goes alone into a whole budget, or never would.
      if (budget.available >= Math.min(cost[kind], budget.limit)) continue;
      // Past the reset with requests still out, their answers bring the next figures.
      if (budget.resetAt <= now) return "answer";
      wait = Math.max(wait, budget.resetAt - now);
    }
    return wait;
  }

  /**
   * The answer's view of the budgets. Requests still in flight may or may not be counted in it,
   * so they are taken off again: the estimate errs towards waiting, never towards a 429.
   */
  private observe(headers: HeaderReader): void {
    const now = this.clock.now();
    for (const kind of KINDS) {
      const limit = count(headers.get(`x-ratelimit-limit-${kind}`));
      const remaining = count(headers.get(`x-ratelimit-remaining-${kind}`));
      const resetMs = parseDuration(headers.get(`x-ratelimit-reset-${kind}`));
      if (limit === undefined || remaining === undefined || resetMs === undefined) continue;
      const seen = { limit, available: remaining - this.inFlightCost(kind), resetAt: now + resetMs };
      const known = this.budgets[kind];
      // Answers can arrive out of order: within one window, the lowest figure is the latest.
      const sameWindow = known !== undefined && Math.abs(known.resetAt - seen.resetAt) < SAME_WINDOW_MS;
      this.budgets[kind] = sameWindow ? { ...seen, available: Math.min(known.available, seen.available) } : seen;
    }
  }

  private inFlightCost(kind: (typeof KINDS)[number]): number {
    let total = 0;
    for (const cost of this.inFlight.values()) total += cost[kind];
    return total;
  }
}

function count(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}
