import { json, type GitHubRouteContext } from "./context";
import { GitHubApiError, notFound } from "./errors";
import type { RateBudget } from "./rate-budget";
import { account } from "./shapes";

const PERMISSIONS = { contents: "read", metadata: "read" };

/** GitHub App flow (JWT → installation token), repository listings and /rate_limit. */
export function registerAppRoutes(ctx: GitHubRouteContext, budget: RateBudget): void {
  const installation = () => {
    const app = ctx.credentials.app;
    if (!app) throw notFound();
    const id = ctx.credentials.installationId;
    const owner = ctx.repos()[0]?.owner ?? "acme";
    return {
      id,
      account: account(ctx.baseUrl, owner),
      app_id: app.appId,
      app_slug: app.slug ?? "tributary",
      target_type: "Organization",
      repository_selection: "all",
      permissions: PERMISSIONS,
      events: ["push", "repository"],
      access_tokens_url: `${ctx.baseUrl}/app/installations/${id}/access_tokens`,
      repositories_url: `${ctx.baseUrl}/installation/repositories`,
      html_url: `${ctx.baseUrl}/organizations/${owner}/settings/installations/${id}`,
      created_at: "2024-01-01T00:00:00Z",
      updated_at: "2024-01-01T00:00:00Z",
      suspended_at: null,
    };
  };
  const checkInstallation = (id: string | undefined) => {
    if (Number(id) !== ctx.credentials.installationId) throw notFound();
  };

  ctx.api("GET", "/app", "app", () => {
    const app = ctx.credentials.app;
    if (!app) throw notFound();
    return json({
      id: app.appId,
      slug: app.slug ?? "tributary",
      name: app.slug ?? "tributary",
      owner: installation().account,
      permissions: PERMISSIONS,
      events: ["push"],
    });
  });
  ctx.api("GET", "/app/installations", "app", () => json([installation()]));
  ctx.api("GET", "/app/installations/:id", "app", (req) => (checkInstallation(req.params.id), json(installation())));
  ctx.api("GET", "/repos/:owner/:repo/installation", "app", (req) => (ctx.repo(req), json(installation())));

  ctx.api("POST", "/app/installations/:id/access_tokens", "app", (req) => {
    checkInstallation(req.params.id);
    const { token, expiresAt } = ctx.credentials.issueInstallationToken();
    const expires_at = new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z");
    return json({ token, expires_at, permissions: PERMISSIONS, repository_selection: "all" }, 201);
  });

  ctx.api("GET", "/installation/repositories", "token", async (_req, caller) => {
    if (caller.kind === "token") throw new GitHubApiError(403, "Resource not accessible by personal access token");
    const repositories = await Promise.all(ctx.repos().map(async (r) => ctx.shapes(r).repository(await r.defaultBranch())));
    return json({ total_count: repositories.length, repository_selection: "all", repositories });
  });

  ctx.api("GET", "/user/repos", "token", async (_req, caller) => {
    if (caller.kind === "installation") throw new GitHubApiError(403, "Resource not accessible by integration");
    return json(await Promise.all(ctx.repos().map(async (r) => ctx.shapes(r).repository(await r.defaultBranch()))));
  });

  // Free on GitHub too: asking for the limit does not spend it.
  ctx.api("GET", "/rate_limit", "open", () => {
    const headers = budget.headers();
    const core = {
      limit: Number(headers["x-ratelimit-limit"]),
      remaining: budget.remaining,
      reset: Number(headers["x-ratelimit-reset"]),
      used: Number(headers["x-ratelimit-used"]),
    };
    return json({ resources: { core }, rate: core });
  });
}
