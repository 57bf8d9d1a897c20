import type { FakeResponse } from "../http";
import { json, type GitHubRouteContext } from "./context";
import { GitHubApiError } from "./errors";
import { stableId } from "./hosted-repo";
import type { OAuthApp, FakeOAuthUser } from "./oauth";
import { nodeId } from "./shapes";

/**
 * GitHub's OAuth web flow (github.com/login/oauth/*) and the user endpoints a sign-in reads:
 * GET /user, /user/emails (scope user:email) and /user/orgs (private memberships need read:org).
 * The authorize page lists the fake's users, each with an "Authorize as <login>" button.
 */
export function registerOAuthRoutes(ctx: GitHubRouteContext, app: OAuthApp): void {
  ctx.raw("GET", "/login/oauth/authorize", (req) => {
    const refusal = app.refuse(req.query.get("client_id"), req.query.get("redirect_uri"));
    if (refusal) return html(400, `<h1>Application error</h1><p>${escapeHtml(refusal)}</p>`);
    const hidden = [...req.query].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
    const buttons = app.config.users
      .map((u) => `<button type="submit" name="login" value="${escapeHtml(u.login)}">Authorize as ${escapeHtml(u.login)}</button>`)
      .join(" ");
    return html(
      200,
      `<h1>Authorize application</h1><form method="post" action="/login/oauth/authorize">${hidden}${buttons} <button type="submit" name="deny" value="1">Cancel</button></form>`,
    );
  });

  ctx.raw("POST", "/login/oauth/authorize", (req) => {
    const form = new URLSearchParams(req.body.toString("utf8"));
    const clientId = form.get("client_id");
    const redirectUri = form.get("redirect_uri") ?? app.config.callbackUrl;
    const refusal = app.refuse(clientId, redirectUri ?? null);
    if (refusal || !redirectUri) return html(400, `<h1>Application error</h1><p>${escapeHtml(refusal ?? "redirect_uri is required")}</p>`);
    const target = new URL(redirectUri);
    const state = form.get("state");
    if (state !== null) target.searchParams.set("state", state);
    const login = form.get("login");
    if (form.get("deny") || !login || !app.user(login)) {
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_description", "The user has denied your application access.");
      return { status: 302, headers: { location: target.toString() } };
    }
    const method = form.get("code_challenge_method");
    const challenge = form.get("code_challenge");
    const code = app.grant({
      login: app.user(login)!.login,
      clientId: clientId!,
      redirectUri,
      scopes: (form.get("scope") ?? "").split(/[\s,]+/).filter(Boolean),
      ...(challenge ? { codeChallenge: challenge, codeChallengeMethod: method === "S256" ? "S256" : "plain" } : {}),
    });
    target.searchParams.set("code", code);
    return { status: 302, headers: { location: target.toString() } };
  });

  ctx.raw("POST", "/login/oauth/access_token", (req) => {
    const params = tokenParams(req.headers["content-type"], req.body, req.headers.authorization);
    const result = app.exchange(params);
    const wantsJson = /json/.test(String(req.headers.accept ?? ""));
    // GitHub answers token errors with 200 and an error body, not with a 4xx.
    const body: Record<string, string> = result.ok
      ? { access_token: ctx.credentials.issueUserToken(result.login, result.scopes), token_type: "bearer", scope: result.scopes.join(",") }
      : {
          error: result.error,
          error_description: result.description,
          error_uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors",
        };
    if (wantsJson) return json(body);
    return {
      status: 200,
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      raw: Buffer.from(new URLSearchParams(body).toString()),
    };
  });

  const signedIn = (caller: Parameters<Parameters<GitHubRouteContext["api"]>[3]>[1]) => {
    if (caller.kind === "installation") throw new GitHubApiError(403, "Resource not accessible by integration");
    if (caller.kind !== "oauth") throw new GitHubApiError(401, "Requires authentication");
    return { user: app.user(caller.login)!, scopes: caller.scopes, headers: { "x-oauth-scopes": caller.scopes.join(", ") } };
  };
  const hasScope = (scopes: string[], ...wanted: string[]) => wanted.some((s) => scopes.includes(s));

  ctx.api("GET", "/user", "token", (_req, caller) => {
    const { user, headers } = signedIn(caller);
    return json(userShape(ctx.baseUrl, user), 200, headers);
  });
  ctx.api("GET", "/user/emails", "token", (_req, caller) => {
    const { user, scopes, headers } = signedIn(caller);
    if (!hasScope(scopes, "user:email", "user")) throw new GitHubApiError(404, "Not Found");
    const address = user.primaryEmail ?? `${userId(user)}+${user.login}@users.noreply.github.com`;
    return json([{ email: address, primary: true, verified: true, visibility: user.email ? "public" : "private" }], 200, headers);
  });
  ctx.api("GET", "/user/orgs", "token", (_req, caller) => {
    const { user, scopes, headers } = signedIn(caller);
    const visible = (user.orgs ?? []).filter((org) => org.public || hasScope(scopes, "read:org", "admin:org", "write:org"));
    return json(
      visible.map((org) => orgShape(ctx.baseUrl, org.login)),
      200,
      headers,
    );
  });
}

function tokenParams(contentType: string | undefined, body: Buffer, authorization: string | undefined) {
  const text = body.toString("utf8");
  const fields: Record<string, string> = /json/.test(contentType ?? "")
    ? (JSON.parse(text || "{}") as Record<string, string>)
    : Object.fromEntries(new URLSearchParams(text));
  // client_secret_basic: the credentials in the Authorization header instead of the body.
  const basic = /^basic\s+(\S+)$/i.exec(authorization ?? "");
  const [basicId, basicSecret] = basic ? Buffer.from(basic[1]!, "base64").toString("utf8").split(":").map(decodeURIComponent) : [];
  return {
    clientId: fields.client_id ?? basicId,
    clientSecret: fields.client_secret ?? basicSecret,
    code: fields.code,
    redirectUri: fields.redirect_uri,
    codeVerifier: fields.code_verifier,
  };
}

const userId = (user: FakeOAuthUser) => user.id ?? stableId(`user:${user.login}`);

function userShape(base: string, user: FakeOAuthUser) {
  const id = userId(user);
  return {
    login: user.login,
    id,
    node_id: nodeId("U", id),
    avatar_url: `${base}/avatars/u/${id}`,
    url: `${base}/users/${user.login}`,
    html_url: `${base}/${user.login}`,
    type: "User",
    site_admin: false,
    name: user.name ?? null,
    company: null,
    blog: "",
    location: null,
    email: user.email ?? null,
    hireable: null,
    bio: null,
    public_repos: 0,
    followers: 0,
    following: 0,
    created_at: "2020-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
  };
}

function orgShape(base: string, login: string) {
  const id = stableId(`account:${login}`);
  return {
    login,
    id,
    node_id: nodeId("O", id),
    url: `${base}/orgs/${login}`,
    repos_url: `${base}/orgs/${login}/repos`,
    members_url: `${base}/orgs/${login}/members{/member}`,
    avatar_url: `${base}/avatars/o/${id}`,
    description: null,
  };
}

function html(status: number, body: string): FakeResponse {
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
    raw: Buffer.from(`<!doctype html><html><head><title>GitHub</title></head><body>${body}</body></html>`),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
