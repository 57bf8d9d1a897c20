/** A fixed-window token budget, like OpenAI's tokens-per-minute limit. */
export class TokenWindow {
  private windowStart = Date.now();
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(tokens: number): { granted: boolean; limit: number; used: number; resetMs: number } {
    this.roll();
    const resetMs = Math.max(1, this.windowMs - (Date.now() - this.windowStart));
    if (this.used + tokens > this.limit) return { granted: false, limit: this.limit, used: this.used, resetMs };
    this.used += tokens;
    return { granted: true, limit: this.limit, used: this.used, resetMs };
  }

  status(): { limit: number; remaining: number; resetMs: number } {
    this.roll();
    return { limit: this.limit, remaining: this.limit - this.used, resetMs: this.windowMs - (Date.now() - this.windowStart) };
  }

  private roll(): void {
    if (Date.now() - this.windowStart < this.windowMs) return;
    this.windowStart = Date.now();
    this.used = 0;
  }
}

/** OpenAI's reset header format: "20ms", "1s", "6m0s", "1h2m3s". */
export function formatResetDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Number((totalSeconds % 60).toFixed(3));
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
