import { createAppAuth } from "@octokit/auth-app";
import type { Octokit } from "@octokit/rest";

type RequestInterface = Octokit["request"];
type RequestParameters = NonNullable<Parameters<RequestInterface>[1]>;

export interface InstallationAuthOptions {
  appId: number | string;
  privateKey: string;
  installationId: number;
  /** Octokit's request function (so token requests are counted and reach the same baseUrl). */
  request: RequestInterface;
  now?: () => number;
}

export interface InstallationTokenStats {
  /** Installation tokens minted so far (each costs one request). */
  minted: number;
  expiresAt: number | null;
}

const MAX_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Installation-token auth that honours each token's own `expires_at`. @octokit/auth-app caches
 * tokens for a fixed 59 minutes, which outlives shorter-lived tokens (GitHub Enterprise setups,
 * the fake); here a token is replaced once less than min(5 min, half its lifetime) remains, and
 * once more if GitHub answers 401 anyway (revoked token, clock skew).
 */
export function createInstallationAuth(options: InstallationAuthOptions) {
  const now = options.now ?? Date.now;
  const appAuth = createAppAuth({ appId: options.appId, privateKey: options.privateKey, request: options.request });
  const stats: InstallationTokenStats = { minted: 0, expiresAt: null };
  let current: { token: string; refreshAt: number } | undefined;
  let minting: Promise<string> | undefined;

  async function token(forceRefresh = false): Promise<string> {
    if (!forceRefresh && current && now() < current.refreshAt) return current.token;
    // Concurrent requests share one mint instead of each asking for a token.
    minting ??= appAuth({ type: "installation", installationId: options.installationId, refresh: true })
      .then((auth) => {
        const issuedAt = now();
        const expiresAt = Date.parse(auth.expiresAt);
        const margin = Math.min(MAX_REFRESH_MARGIN_MS, Math.max(0, expiresAt - issuedAt) / 2);
        current = { token: auth.token, refreshAt: expiresAt - margin };
        stats.minted += 1;
        stats.expiresAt = expiresAt;
        return auth.token;
      })
      .finally(() => {
        minting = undefined;
      });
    return minting;
  }

  async function hook(request: RequestInterface, route: string, parameters?: RequestParameters) {
    const merged = request.endpoint.merge(route, parameters);
    const endpoint = { ...merged, url: merged.url ?? "" };
    // App-level endpoints (minting tokens, listing installations) authenticate with the app's JWT.
    if (/\/app(\/|$)/.test(endpoint.url.replace(request.endpoint.DEFAULTS.baseUrl, ""))) return appAuth.hook(request, route, parameters);
    endpoint.headers.authorization = `token ${await token()}`;
    try {
      return await request(endpoint);
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      endpoint.headers.authorization = `token ${await token(true)}`;
      return request(endpoint);
    }
  }

  return Object.assign(async () => ({ type: "token" as const, tokenType: "installation" as const, token: await token() }), { hook, stats });
}

function isUnauthorized(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error && error.status === 401;
}
