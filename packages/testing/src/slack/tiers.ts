/**
 * Slack's Web API rate tiers (per method, per workspace, per app), from docs.slack.dev/apis/web-api/rate-limits:
 * Tier 1 1+/min, Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min. Since 2025, apps distributed
 * outside the Slack Marketplace get 1 request/minute and at most 15 messages per call on
 * conversations.history and conversations.replies; internal (custom) apps keep Tier 3.
 */
export const SLACK_TIERS = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
export type SlackTier = keyof typeof SLACK_TIERS;

export type SlackAppKind = "internal" | "non-marketplace";

export const METHOD_TIERS: Record<string, SlackTier> = {
  "auth.test": 4,
  "users.list": 2,
  "users.conversations": 3,
  "conversations.history": 3,
  "conversations.replies": 3,
};

/** Page sizes the fake enforces: `default` when no limit is sent, `max` caps a larger one. */
export const SLACK_PAGE_SIZES: Record<string, { default: number; max: number }> = {
  "users.list": { default: 200, max: 1000 },
  "users.conversations": { default: 100, max: 999 },
  "conversations.history": { default: 100, max: 999 },
  "conversations.replies": { default: 100, max: 1000 },
};

const RESTRICTED = new Set(["conversations.history", "conversations.replies"]);
export const RESTRICTED_PAGE_SIZE = 15;

export function pageSize(method: string, requested: number | undefined, kind: SlackAppKind): number {
  const sizes = SLACK_PAGE_SIZES[method] ?? { default: 100, max: 1000 };
  const max = kind === "non-marketplace" && RESTRICTED.has(method) ? RESTRICTED_PAGE_SIZE : sizes.max;
  const wanted = requested && requested > 0 ? requested : sizes.default;
  return Math.min(wanted, max);
}

/** Requests per minute allowed for a method. */
export function perMinute(method: string, kind: SlackAppKind): number {
  if (kind === "non-marketplace" && RESTRICTED.has(method)) return 1;
  return SLACK_TIERS[METHOD_TIERS[method] ?? 3];
}

/** Fixed one-minute windows per method; `minuteMs` shrinks the minute for tests. */
export class TierLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly kind: () => SlackAppKind,
    private readonly minuteMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait (Slack's integer `Retry-After`) when over the limit, else undefined. */
  take(method: string): number | undefined {
    const now = this.now();
    let window = this.windows.get(method);
    if (!window || now - window.start >= this.minuteMs) {
      window = { start: now, count: 0 };
      this.windows.set(method, window);
    }
    window.count += 1;
    if (window.count <= perMinute(method, this.kind())) return undefined;
    return Math.max(1, Math.ceil((this.minuteMs - (now - window.start)) / 1000));
  }
}
