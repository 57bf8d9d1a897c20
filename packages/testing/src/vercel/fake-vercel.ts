import { FakeHttpServer, type FakeRequest, type FakeResponse } from "../http";
import { VercelRateLimit } from "./rate-limit";
import { VercelTeam, type VercelDeployment, type VercelProject } from "./workspace";

export interface FakeVercelOptions {
  team?: VercelTeam;
  tokens: string[];
  /** Requests per endpoint per window before 429 (default 500 per 60 s). */
  rateLimit?: { limit: number; windowMs: number };
}

/** Vercel's documented page sizes: `limit` defaults to 20 and is capped at 100. */
export const VERCEL_PAGE = { default: 20, max: 100 } as const;

function vercelError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): FakeResponse {
  return { status, body: { error: { code, message, ...extra } } };
}

/**
 * The slice of Vercel's REST API a read-only sync uses, over real HTTP: projects (/v9/projects),
 * deployments (/v6/deployments, /v13/deployments/:id) and build logs (/v3/deployments/:id/events),
 * with `until`/`since` pagination, bearer tokens, `teamId`, per-endpoint rate limits and 429s.
 */
export class FakeVercel {
  readonly http = new FakeHttpServer();
  readonly team: VercelTeam;
  readonly rateLimit: VercelRateLimit;
  private readonly tokens: Set<string>;
  private readonly revoked = new Set<string>();

  constructor(options: FakeVercelOptions) {
    this.team = options.team ?? new VercelTeam();
    this.tokens = new Set(options.tokens);
    this.rateLimit = new VercelRateLimit(options.rateLimit?.limit, options.rateLimit?.windowMs);
    this.api("/v9/projects", (req) => this.listProjects(req));
    this.api("/v6/deployments", (req) => this.listDeployments(req));
    this.api("/v13/deployments/:id", (req) => {
      const d = this.team.deployments.get(req.params.id ?? "");
      return d ? { status: 200, body: { ...d, id: d.uid } } : vercelError(404, "not_found", "The deployment was not found");
    });
    this.api("/v3/deployments/:id/events", (req) => {
      const uid = req.params.id ?? "";
      if (!this.team.deployments.has(uid)) return vercelError(404, "not_found", "The deployment was not found");
      const events = (this.team.logs.get(uid) ?? []).map((line, i) => ({
        type: line.type,
        created: line.created,
        payload: { id: `${uid}-${i}`, date: line.created, deploymentId: uid, text: line.text },
      }));
      return { status: 200, body: events };
    });
  }

  static async start(options: FakeVercelOptions): Promise<FakeVercel> {
    const fake = new FakeVercel(options);
    await fake.http.start();
    return fake;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  get url(): string {
    return this.http.url;
  }

  revoke(token: string): void {
    this.revoked.add(token);
  }

  /** The next `times` requests answer 429 with Vercel's headers, the window resetting `resetInMs` from now. */
  rateLimitStorm(times: number, resetInMs = 300, pathIncludes?: string): void {
    const reset = Date.now() + resetInMs;
    this.http.failNext({
      status: 429,
      times,
      pathIncludes,
      headers: { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.ceil(reset / 1000)) },
      body: {
        error: { code: "rate_limited", message: "Rate limit exceeded", limit: { remaining: 0, reset: Math.ceil(reset / 1000), resetMs: reset, total: 100 } },
      },
    });
  }

  count(pathIncludes?: string, status?: number): number {
    return this.http.count({ pathIncludes, status });
  }

  private api(path: string, handler: (req: FakeRequest) => FakeResponse): void {
    this.http.route("GET", path, (req) => {
      const auth = req.headers.authorization;
      if (!auth?.startsWith("Bearer ")) return vercelError(403, "forbidden", "The request is missing an authentication token", { missingToken: true });
      const token = auth.slice(7);
      if (!this.tokens.has(token) || this.revoked.has(token)) return vercelError(403, "forbidden", "Not authorized", { invalidToken: true });
      const teamId = req.query.get("teamId");
      if (teamId && teamId !== this.team.teamId) return vercelError(403, "forbidden", "Not authorized: team access denied");
      const budget = this.rateLimit.take(path);
      if (budget.limited) {
        return {
          status: 429,
          headers: budget.headers,
          body: {
            error: {
              code: "rate_limited",
              message: "Rate limit exceeded",
              limit: { remaining: 0, reset: Math.ceil(budget.resetMs / 1000), resetMs: budget.resetMs, total: this.rateLimit.limit },
            },
          },
        };
      }
      const response = handler(req);
      return { ...response, headers: { ...budget.headers, ...response.headers } };
    });
  }

  private listProjects(req: FakeRequest): FakeResponse {
    const all = [...this.team.projects.values()].sort((a, b) => b.updatedAt - a.updatedAt);
    const { items, next } = pageBy(all, (p: VercelProject) => p.updatedAt, req);
    return { status: 200, body: { projects: items, pagination: { count: items.length, next, prev: items[0]?.updatedAt ?? null } } };
  }

  private listDeployments(req: FakeRequest): FakeResponse {
    const projectId = req.query.get("projectId");
    const state = req.query.get("state")?.split(",");
    const all = [...this.team.deployments.values()]
      .filter((d) => !projectId || d.projectId === projectId || d.name === projectId)
      .filter((d) => !state || state.includes(d.state))
      .sort((a, b) => b.created - a.created);
    const { items, next } = pageBy(all, (d: VercelDeployment) => d.created, req);
    return { status: 200, body: { deployments: items, pagination: { count: items.length, next, prev: items[0]?.created ?? null } } };
  }
}

/** Newest first; `until` (exclusive) pages back, `since` (exclusive) bounds the oldest; `next` is the last item's timestamp. */
function pageBy<T>(sorted: T[], at: (item: T) => number, req: FakeRequest): { items: T[]; next: number | null } {
  const until = Number(req.query.get("until") ?? Number.POSITIVE_INFINITY);
  const since = Number(req.query.get("since") ?? Number.NEGATIVE_INFINITY);
  const requested = Number(req.query.get("limit") ?? VERCEL_PAGE.default);
  const limit = Math.min(Math.max(1, requested || VERCEL_PAGE.default), VERCEL_PAGE.max);
  const window = sorted.filter((item) => at(item) < until && at(item) > since);
  const items = window.slice(0, limit);
  return { items, next: window.length > limit ? at(items[items.length - 1]!) : null };
}
