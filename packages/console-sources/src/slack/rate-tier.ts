/** The cap Slack puts on conversations.history/replies for apps distributed outside the Marketplace. */
export const RESTRICTED_PAGE_SIZE = 15;
const RESTRICTED_INTERVAL_MS = 60_000;

export type SlackAppTier = "internal" | "non-marketplace" | "unknown";

/**
 * Which rate tier the app is on, detected from what Slack answers: internal (custom) apps get
 * Tier 3 (50+/min) and the page size they ask for; apps distributed outside the Marketplace get
 * 1 request/minute and ≤ 15 messages per history/replies call. The connector works under both
 * (WebClient waits each Retry-After); this says which one it saw and how long a sync should take.
 */
export class RateTier {
  private detected: SlackAppTier = "unknown";
  rateLimitedCalls = 0;
  waitedSeconds = 0;
  lastRetryAfterSeconds: number | undefined;

  constructor(private readonly requestedPageSize: number) {}

  get kind(): SlackAppTier {
    return this.detected;
  }

  /** A full page above 15 proves the normal tier; a capped page of ≤ 15 with more to come proves the restricted one. */
  observePage(count: number, hasMore: boolean): void {
    if (count > RESTRICTED_PAGE_SIZE) this.detected = "internal";
    else if (hasMore && this.requestedPageSize > RESTRICTED_PAGE_SIZE) this.detected = "non-marketplace";
  }

  rateLimited(_url: string, seconds: number): void {
    this.rateLimitedCalls += 1;
    this.waitedSeconds += seconds;
    this.lastRetryAfterSeconds = seconds;
  }

  /** Expected wall time of `historyCalls` history/replies calls on the detected tier (Tier 3 at 50/min otherwise). */
  expectedDurationMs(historyCalls: number): number {
    return this.detected === "non-marketplace" ? historyCalls * RESTRICTED_INTERVAL_MS : Math.ceil(historyCalls / 50) * 60_000;
  }

  describe(historyCalls: number): string {
    const minutes = Math.ceil(this.expectedDurationMs(historyCalls) / 60_000);
    return this.detected === "non-marketplace"
      ? `Slack app is distributed outside the Marketplace: 1 history/replies request per minute, 15 messages each — ${historyCalls} calls ≈ ${minutes} min`
      : `Slack app tier ${this.detected}: Tier 3 limits (50+/min) — ${historyCalls} history/replies calls ≈ ${minutes} min at worst`;
  }
}
