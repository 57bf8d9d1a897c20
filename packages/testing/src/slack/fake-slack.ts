import { FakeHttpServer, type FakeRequest, type FakeResponse } from "../http";
import { SLACK_METHODS, type SlackArgs } from "./methods";
import { TierLimiter, type SlackAppKind } from "./tiers";
import { SlackWorkspace } from "./workspace";

export interface FakeSlackOptions {
  workspace?: SlackWorkspace;
  /** Bot tokens the fake accepts (`Authorization: Bearer xoxb-…` or a `token` argument). */
  tokens: string[];
  /** Which rate tier conversations.history/replies get (see tiers.ts). */
  appKind?: SlackAppKind;
  /** Length of Slack's "minute" for the tier windows; tests shrink it (Retry-After stays ≥ 1 s). */
  minuteMs?: number;
  /** Set false to serve without tier limits (fast ground-truth tests); storms still apply. */
  enforceTiers?: boolean;
}

/**
 * Slack's Web API (`POST /api/<method>`, form or JSON arguments) over real HTTP, so
 * `@slack/web-api`'s WebClient reaches it unchanged through `slackApiUrl: fake.apiUrl`.
 */
export class FakeSlack {
  readonly http = new FakeHttpServer();
  readonly workspace: SlackWorkspace;
  appKind: SlackAppKind;
  private readonly tokens: Set<string>;
  private readonly revoked = new Set<string>();
  private readonly limiter: TierLimiter | undefined;

  constructor(options: FakeSlackOptions) {
    this.workspace = options.workspace ?? new SlackWorkspace();
    this.tokens = new Set(options.tokens);
    this.appKind = options.appKind ?? "internal";
    this.limiter = options.enforceTiers === false ? undefined : new TierLimiter(() => this.appKind, options.minuteMs ?? 60_000);
    this.http.route("POST", "/api/:method", (req) => this.call(req));
    this.http.route("GET", "/api/:method", (req) => this.call(req));
  }

  static async start(options: FakeSlackOptions): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await fake.http.start();
    return fake;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** What to pass as WebClient's `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.http.url}/api/`;
  }

  /** The token now answers `token_revoked` (an uninstalled app). */
  revoke(token: string): void {
    this.revoked.add(token);
  }

  /** The next `times` calls (optionally of one method) answer 429 with `Retry-After: seconds`. */
  rateLimitStorm(times: number, options: { method?: string; retryAfterSeconds?: number } = {}): void {
    this.http.failNext({
      status: 429,
      times,
      pathIncludes: options.method ? `/api/${options.method}` : "/api/",
      headers: { "retry-after": String(options.retryAfterSeconds ?? 1) },
      body: { ok: false, error: "ratelimited" },
    });
  }

  /** Web API calls answered (all statuses), optionally of one method. */
  count(method?: string, status?: number): number {
    return this.http.count({ pathIncludes: method ? `/api/${method}` : "/api/", status });
  }

  private call(req: FakeRequest): FakeResponse {
    const method = req.params.method ?? "";
    const args = parseArgs(req);
    const auth = this.authenticate(req, args);
    if (auth) return { status: 200, body: { ok: false, error: auth } };
    const handler = SLACK_METHODS[method];
    if (!handler) return { status: 200, body: { ok: false, error: "unknown_method" } };
    const wait = this.limiter?.take(method);
    if (wait !== undefined) return { status: 429, headers: { "retry-after": String(wait) }, body: { ok: false, error: "ratelimited" } };
    return { status: 200, body: handler(args, this.workspace, this.appKind) };
  }

  private authenticate(req: FakeRequest, args: SlackArgs): string | undefined {
    const header = req.headers.authorization;
    const token = header?.startsWith("Bearer ") ? header.slice(7) : args.token;
    if (!token) return "not_authed";
    if (this.revoked.has(token)) return "token_revoked";
    return this.tokens.has(token) ? undefined : "invalid_auth";
  }
}

function parseArgs(req: FakeRequest): SlackArgs {
  const args: SlackArgs = Object.fromEntries(req.query.entries());
  const type = req.headers["content-type"] ?? "";
  const text = req.body.toString("utf8");
  if (!text) return args;
  if (type.includes("application/json")) {
    for (const [key, value] of Object.entries(JSON.parse(text) as Record<string, unknown>)) args[key] = String(value);
  } else for (const [key, value] of new URLSearchParams(text)) args[key] = value;
  return args;
}
