/**
 * Vercel's REST rate limits are per endpoint and account, reported on every response as
 * `x-ratelimit-limit`, `-remaining` and `-reset` (epoch seconds); an exhausted window answers
 * 429 `rate_limited` (limits per endpoint: vercel.com/docs/limits). The fake keeps one fixed
 * window per endpoint with the budget a test sets (default 500 per 60 s).
 */
export class VercelRateLimit {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    public limit = 500,
    public windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one request on `endpoint`; the headers to send and whether the request is refused. */
  take(endpoint: string): { headers: Record<string, string>; limited: boolean; resetMs: number } {
    const now = this.now();
    let w = this.windows.get(endpoint);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, used: 0 };
      this.windows.set(endpoint, w);
    }
    const limited = w.used >= this.limit;
    if (!limited) w.used += 1;
    const resetAt = w.start + this.windowMs;
    return {
      limited,
      resetMs: resetAt,
      headers: {
        "x-ratelimit-limit": String(this.limit),
        "x-ratelimit-remaining": String(Math.max(0, this.limit - w.used)),
        "x-ratelimit-reset": String(Math.ceil(resetAt / 1000)),
      },
    };
  }
}
