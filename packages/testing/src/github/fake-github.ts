import { randomUUID } from "node:crypto";
import { FakeHttpServer, type Fault, type FakeRequest, type FakeResponse } from "../http";
import type { Access, ApiHandler, GitHubRouteContext } from "./context";
import { Credentials, type Caller, type FakeAppConfig } from "./credentials";
import { errorResponse, GitHubApiError, notFound } from "./errors";
import { HostedRepo, type FakeRepoConfig } from "./hosted-repo";
import { RateBudget, type RateLimitBudget } from "./rate-budget";
import { registerAppRoutes } from "./routes-app";
import { registerContentsRoutes } from "./routes-contents";
import { registerGitRoutes, type TreeLimits } from "./routes-git";
import { OAuthApp, type FakeOAuthConfig } from "./oauth";
import { registerOAuthRoutes } from "./routes-oauth";
import { registerRepoRoutes } from "./routes-repo";
import { CODELOAD_PREFIX, registerTarballRoutes, type TarballState } from "./routes-tarball";
import { Shapes } from "./shapes";

export interface FakeGitHubOptions {
  repos: FakeRepoConfig[];
  /** Static tokens (personal access tokens) accepted as `token X` / `bearer X`. */
  tokens?: string[];
  app?: FakeAppConfig;
  /** An OAuth app and the users who can sign in with it (the web flow at /login/oauth/*). */
  oauth?: FakeOAuthConfig;
  /** Lifetime of installation tokens; GitHub's is one hour. */
  installationTokenTtlMs?: number;
  /** Primary rate limit; default 5,000 per hour. */
  rateLimit?: RateLimitBudget;
  tarballDelivery?: TarballState["delivery"];
  /** Force `truncated: true` on recursive trees, keeping this many entries. */
  truncateTreesAt?: number;
  /** Natural truncation point of recursive trees (GitHub: 100,000 entries). */
  maxTreeEntries?: number;
}

export interface CountFilter {
  method?: string;
  pathIncludes?: string;
  status?: number;
}

const SECONDARY_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.";

/**
 * GitHub's REST API for repositories backed by real local git directories, over real HTTP, so
 * @octokit/rest talks to it unchanged. `count` sees every HTTP request, `countApi` only REST API ones.
 */
export class FakeGitHub implements GitHubRouteContext {
  readonly http = new FakeHttpServer();
  readonly credentials: Credentials;
  private readonly hosted: HostedRepo[] = [];
  private readonly budget: RateBudget;
  private readonly treeLimits: TreeLimits;
  private readonly tarballs: TarballState;
  private clockOffsetMs = 0;

  constructor(options: FakeGitHubOptions) {
    const now = () => this.now();
    this.credentials = new Credentials({
      tokens: options.tokens ?? [],
      app: options.app,
      tokenTtlMs: options.installationTokenTtlMs ?? 3_600_000,
      now,
    });
    this.budget = new RateBudget(options.rateLimit ?? { limit: 5000 }, now);
    this.treeLimits = { forcedTruncation: options.truncateTreesAt, maxEntries: options.maxTreeEntries ?? 100_000 };
    this.tarballs = { delivery: options.tarballDelivery ?? "redirect", overrides: new Map() };
    for (const repo of options.repos) this.addRepo(repo);
    registerRepoRoutes(this);
    registerGitRoutes(this, this.treeLimits);
    registerContentsRoutes(this);
    registerTarballRoutes(this, this.tarballs);
    registerAppRoutes(this, this.budget);
    if (options.oauth) registerOAuthRoutes(this, new OAuthApp(options.oauth, now));
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"])
      this.raw(method, "/:rest*", () => {
        throw notFound();
      });
    this.http.decorate((req, res) => (req.path.startsWith(CODELOAD_PREFIX) ? res : this.withGitHubHeaders(res)));
  }

  static async start(options: FakeGitHubOptions, port = 0, host = "127.0.0.1"): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options);
    await fake.start(port, host);
    return fake;
  }

  start(port = 0, host = "127.0.0.1"): Promise<string> {
    return this.http.start(port, host);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Base URL to give Octokit as `baseUrl`. */
  get url(): string {
    return this.http.url;
  }

  get baseUrl(): string {
    return this.http.url;
  }

  addRepo(config: FakeRepoConfig): HostedRepo {
    const repo = new HostedRepo(config);
    this.hosted.push(repo);
    return repo;
  }

  repos(): HostedRepo[] {
    return [...this.hosted];
  }

  /** Every HTTP request, codeload downloads included. */
  count(filter: CountFilter = {}): number {
    return this.http.requests.filter((r) => matches(r, filter)).length;
  }

  /** Requests to the REST API only (what GitHub's rate limit counts): codeload downloads left out. */
  countApi(filter: CountFilter = {}): number {
    return this.http.requests.filter((r) => !r.path.startsWith(CODELOAD_PREFIX) && matches(r, filter)).length;
  }

  resetCounters(): void {
    this.http.resetCounters();
  }

  /** Fails upcoming requests with GitHub's error body (`{ message }`) unless `body` is given. */
  /** Drops every fault not yet served (the outage is over). */
  clearFaults(): void {
    this.http.clearFaults();
  }

  failNext(fault: Fault & { message?: string }): void {
    const { message, ...rest } = fault;
    this.http.failNext({ ...rest, body: rest.body ?? errorResponse(fault.status, message ?? `injected fault ${fault.status}`).body });
  }

  /** GitHub's secondary rate limit: 403 (or 429) saying "secondary rate limit" with retry-after. */
  secondaryLimitNext(options: { times?: number; retryAfterSeconds?: number; status?: 403 | 429; pathIncludes?: string } = {}): void {
    this.failNext({
      status: options.status ?? 403,
      times: options.times ?? 1,
      pathIncludes: options.pathIncludes,
      headers: { "retry-after": String(options.retryAfterSeconds ?? 1) },
      message: SECONDARY_LIMIT_MESSAGE,
    });
  }

  setRateLimit(budget: RateLimitBudget): void {
    this.budget.set(budget);
  }

  get rateLimitRemaining(): number {
    return this.budget.remaining;
  }

  /** `undefined` turns forced truncation off. */
  setTreeTruncation(keepEntries: number | undefined): void {
    this.treeLimits.forcedTruncation = keepEntries;
  }

  setTarballDelivery(delivery: TarballState["delivery"]): void {
    this.tarballs.delivery = delivery;
  }

  /** Serves `tarGz` for `tarball/{ref}` (the exact ref or sha the client asks for). */
  overrideTarball(ref: string, tarGz: Buffer, repoFullName = this.hosted[0]?.fullName ?? ""): void {
    this.tarballs.overrides.set(`${repoFullName}@${ref}`, tarGz);
  }

  /** The fake's clock (token expiry, JWT checks, rate-limit reset, `date` header). */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  repo(req: FakeRequest): HostedRepo {
    const wanted = `${req.params.owner}/${req.params.repo}`.toLowerCase();
    const repo = this.hosted.find((r) => r.fullName.toLowerCase() === wanted);
    if (!repo) throw notFound();
    return repo;
  }

  shapes(repo: HostedRepo): Shapes {
    return new Shapes(this.baseUrl, repo);
  }

  api(method: string, path: string, access: Access, handler: ApiHandler): void {
    this.raw(method, path, async (req) => {
      if (access === "app") this.credentials.verifyAppJwt(req.headers.authorization);
      const caller: Caller = access === "token" ? this.credentials.authenticate(req.headers.authorization) : { kind: "anonymous" };
      if (access !== "open" && !this.budget.consume()) {
        return errorResponse(this.budget.exhaustedStatus, "API rate limit exceeded. Wait for the reset (see x-ratelimit-reset).");
      }
      return handler(req, caller);
    });
  }

  raw(method: string, path: string, handler: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>): void {
    this.http.route(method, path, async (req) => {
      try {
        return await handler(req);
      } catch (error) {
        if (error instanceof GitHubApiError) return errorResponse(error.status, error.message, error.headers);
        throw error;
      }
    });
  }

  private withGitHubHeaders(res: FakeResponse): FakeResponse {
    return {
      ...res,
      headers: {
        date: new Date(this.now()).toUTCString(),
        "x-github-request-id": randomUUID(),
        "x-github-media-type": "github.v3; format=json",
        "x-github-api-version-selected": "2022-11-28",
        ...this.budget.headers(),
        ...res.headers,
      },
    };
  }
}

function matches(request: { method: string; path: string; status: number }, filter: CountFilter): boolean {
  return (
    (!filter.method || request.method === filter.method.toUpperCase()) &&
    (!filter.pathIncludes || request.path.includes(filter.pathIncludes)) &&
    (filter.status === undefined || request.status === filter.status)
  );
}
