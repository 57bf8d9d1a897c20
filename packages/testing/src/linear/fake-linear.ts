import { createHmac, randomUUID } from "node:crypto";
import { execute, type GraphQLError, parse, validate } from "graphql";
import { FakeHttpServer, type FakeRequest, type FakeResponse } from "../http/fake-server";
import { LINEAR_MAX_QUERY_COMPLEXITY, queryComplexity } from "./complexity";
import { linearRoot } from "./resolvers";
import { linearSchema } from "./schema";
import { LinearWorkspace } from "./workspace";

export interface LinearLimits {
  /** Requests per window (Linear: 5,000 per hour for an API key). */
  requests: number;
  /** Complexity points per window (Linear: 3,000,000 per hour for an API key). */
  complexity: number;
  windowMs: number;
}

/**
 * A fake of Linear's GraphQL API (POST /graphql) over a seeded, editable workspace, reached by
 * `new LinearClient({ apiKey, apiUrl: fake.apiUrl })`. It executes queries against a subset of
 * Linear's public schema, bounds page sizes (first ≤ 250) and query complexity (≤ 10,000), sends
 * the X-RateLimit-* headers, and answers RATELIMITED like Linear when a budget runs out.
 */
export class FakeLinear {
  readonly server = new FakeHttpServer();
  readonly workspace = new LinearWorkspace();
  /** Every query the fake executed (its operation text), in order. */
  readonly queries: Array<{ query: string; complexity: number }> = [];
  private readonly tokens = new Set<string>();
  private limits: LinearLimits = { requests: 5_000, complexity: 3_000_000, windowMs: 3_600_000 };
  private window = { start: Date.now(), requests: 0, complexity: 0 };
  private storm = { times: 0, resetMs: 0 };

  constructor(options: { tokens?: string[]; limits?: Partial<LinearLimits> } = {}) {
    for (const token of options.tokens ?? ["lin_api_fake"]) this.tokens.add(token);
    this.limits = { ...this.limits, ...options.limits };
    this.server.route("POST", "/graphql", (req) => this.graphql(req));
  }

  async start(): Promise<string> {
    await this.server.start();
    return this.apiUrl;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The SDK's `apiUrl` (https://api.linear.app/graphql in production). */
  get apiUrl(): string {
    return `${this.server.url}/graphql`;
  }

  get requestCount(): number {
    return this.server.count({ method: "POST", pathIncludes: "/graphql" });
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  setLimits(limits: Partial<LinearLimits>): void {
    this.limits = { ...this.limits, ...limits };
    this.window = { start: Date.now(), requests: 0, complexity: 0 };
  }

  /** The next `times` requests are refused with RATELIMITED, each saying the budget resets in `resetMs`. */
  rateLimitStorm(times: number, resetMs = 25): void {
    this.storm = { times, resetMs };
  }

  /** A webhook delivery as Linear signs it: HMAC-SHA256 of the raw body, hex, in `linear-signature`. */
  webhook(secret: string, payload: { action: string; type: string; data: Record<string, unknown> }): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify({
      ...payload,
      organizationId: "org-fake",
      webhookId: randomUUID(),
      webhookTimestamp: Date.now(),
      createdAt: new Date().toISOString(),
    });
    const signature = createHmac("sha256", secret).update(body).digest("hex");
    return {
      body,
      headers: { "content-type": "application/json", "linear-signature": signature, "linear-delivery": randomUUID(), "linear-event": payload.type },
    };
  }

  private graphql(req: FakeRequest): FakeResponse {
    const token = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    if (!this.tokens.has(token)) {
      return errorResponse(400, "Authentication required, not authenticated", {
        type: "authentication error",
        code: "AUTHENTICATION_ERROR",
        userPresentableMessage: "You need to authenticate to access this operation.",
      });
    }
    const { query, variables } = req.json<{ query: string; variables?: Record<string, unknown> }>();
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return errorResponse(400, (error as Error).message, { type: "graphql error", code: "GRAPHQL_PARSE_FAILED" });
    }
    const invalid = validate(linearSchema, document);
    if (invalid.length > 0)
      return {
        status: 400,
        body: { errors: invalid.map((e) => ({ message: e.message, extensions: { type: "graphql error", code: "GRAPHQL_VALIDATION_FAILED" } })) },
      };
    const complexity = queryComplexity(document, variables ?? {});
    if (complexity > LINEAR_MAX_QUERY_COMPLEXITY) {
      return errorResponse(400, `Query too complex: ${complexity} points, the maximum is ${LINEAR_MAX_QUERY_COMPLEXITY}`, {
        type: "invalid input",
        code: "QUERY_TOO_COMPLEX",
        userPresentableMessage: "Query too complex",
      });
    }
    const limited = this.spend(complexity);
    if (limited) return limited;
    this.queries.push({ query, complexity });
    const result = execute({ schema: linearSchema, document, rootValue: linearRoot(this.workspace, "https://linear.app/fake"), variableValues: variables });
    if (result instanceof Promise) throw new Error("the fake's resolvers are synchronous");
    const headers = this.rateHeaders(complexity);
    if (result.errors?.length) return { status: 400, headers, body: { data: result.data ?? null, errors: result.errors.map(toLinearError) } };
    return { status: 200, headers, body: { data: result.data } };
  }

  private spend(complexity: number): FakeResponse | undefined {
    const now = Date.now();
    if (now - this.window.start >= this.limits.windowMs) this.window = { start: now, requests: 0, complexity: 0 };
    if (this.storm.times > 0) {
      this.storm.times -= 1;
      return this.ratelimited(now + this.storm.resetMs, complexity);
    }
    if (this.window.requests + 1 > this.limits.requests || this.window.complexity + complexity > this.limits.complexity) {
      return this.ratelimited(this.window.start + this.limits.windowMs, complexity);
    }
    this.window.requests += 1;
    this.window.complexity += complexity;
    return undefined;
  }

  private ratelimited(resetAt: number, complexity: number): FakeResponse {
    const response = errorResponse(400, "Rate limit exceeded", { code: "RATELIMITED", userPresentableMessage: "Rate limit exceeded. Please try again later." });
    const headers = this.rateHeaders(complexity);
    headers["x-ratelimit-requests-remaining"] = "0";
    headers["x-ratelimit-requests-reset"] = String(resetAt);
    return { ...response, headers };
  }

  private rateHeaders(complexity: number): Record<string, string> {
    const reset = String(this.window.start + this.limits.windowMs);
    return {
      "x-complexity": String(complexity),
      "x-ratelimit-requests-limit": String(this.limits.requests),
      "x-ratelimit-requests-remaining": String(Math.max(0, this.limits.requests - this.window.requests)),
      "x-ratelimit-requests-reset": reset,
      "x-ratelimit-complexity-limit": String(this.limits.complexity),
      "x-ratelimit-complexity-remaining": String(Math.max(0, this.limits.complexity - this.window.complexity)),
      "x-ratelimit-complexity-reset": reset,
    };
  }
}

function errorResponse(status: number, message: string, extensions: Record<string, unknown>): FakeResponse {
  return { status, body: { errors: [{ message, extensions }] } };
}

function toLinearError(error: GraphQLError) {
  return { message: error.message, path: error.path, extensions: { type: "graphql error", code: "GRAPHQL_ERROR", ...error.extensions } };
}
