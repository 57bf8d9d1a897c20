export interface RateLimitBudget {
  /** Requests per window; GitHub gives a token or an installation 5,000 per hour. */
  limit: number;
  windowMs?: number;
  /** GitHub answers an exhausted primary limit with 403 (sometimes 429), remaining = 0. */
  exhaustedStatus?: 403 | 429;
}

/** GitHub's primary rate limit: a budget that refills when its window resets. */
export class RateBudget {
  private used = 0;
  private windowStart: number;

  constructor(
    private budget: RateLimitBudget,
    private readonly now: () => number,
  ) {
    this.windowStart = now();
  }

  set(budget: RateLimitBudget): void {
    this.budget = budget;
    this.used = 0;
    this.windowStart = this.now();
  }

  get exhaustedStatus(): 403 | 429 {
    return this.budget.exhaustedStatus ?? 403;
  }

  get remaining(): number {
    this.refill();
    return Math.max(0, this.budget.limit - this.used);
  }

  /** Spends one request; false when the budget is gone until the reset. */
  consume(): boolean {
    if (this.remaining === 0) return false;
    this.used += 1;
    return true;
  }

  headers(): Record<string, string> {
    const remaining = this.remaining;
    return {
      "x-ratelimit-limit": String(this.budget.limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": String(Math.ceil(this.resetAt() / 1000)),
      "x-ratelimit-used": String(this.budget.limit - remaining),
      "x-ratelimit-resource": "core",
    };
  }

  resetAt(): number {
    return this.windowStart + (this.budget.windowMs ?? 3_600_000);
  }

  private refill(): void {
    if (this.now() < this.resetAt()) return;
    this.used = 0;
    this.windowStart = this.now();
  }
}
