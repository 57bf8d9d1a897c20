import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export interface FakeOAuthOrg {
  login: string;
  /** Public memberships show without the read:org scope; private ones only with it (as on GitHub). */
  public?: boolean;
}

export interface FakeOAuthUser {
  login: string;
  id?: number;
  name?: string;
  /** The public profile email (null, as for most GitHub users, hides it from GET /user). */
  email?: string | null;
  /** The primary, verified address GET /user/emails returns with the user:email scope. */
  primaryEmail?: string;
  orgs?: FakeOAuthOrg[];
}

export interface FakeOAuthConfig {
  /** The OAuth app's credentials, as shown on GitHub's app settings page. */
  clientId: string;
  clientSecret: string;
  /** The app's registered callback URL: redirect_uri must be it or a path below it (GitHub's rule). */
  callbackUrl?: string;
  users: FakeOAuthUser[];
}

interface Grant {
  login: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  expiresAt: number;
}

export type ExchangeResult = { ok: true; login: string; scopes: string[] } | { ok: false; error: string; description: string };

/** GitHub's OAuth web flow state: one-time codes (10 minutes), PKCE (S256 or plain), redirect_uri rules. */
export class OAuthApp {
  private readonly grants = new Map<string, Grant>();

  constructor(
    readonly config: FakeOAuthConfig,
    private readonly now: () => number,
  ) {}

  user(login: string): FakeOAuthUser | undefined {
    return this.config.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
  }

  /** Why GitHub would refuse to show the authorize page for these parameters, if it would. */
  refuse(clientId: string | null, redirectUri: string | null): string | undefined {
    if (clientId !== this.config.clientId) return "The client_id is not registered with any OAuth app.";
    if (redirectUri && !redirectAllowed(this.config.callbackUrl, redirectUri))
      return "The redirect_uri MUST match the registered callback URL for this application.";
    return undefined;
  }

  grant(input: Omit<Grant, "expiresAt">): string {
    const code = randomBytes(10).toString("hex");
    this.grants.set(code, { ...input, expiresAt: this.now() + 10 * 60_000 });
    return code;
  }

  exchange(input: { clientId?: string; clientSecret?: string; code?: string; redirectUri?: string; codeVerifier?: string }): ExchangeResult {
    if (input.clientId !== this.config.clientId || !sameSecret(input.clientSecret ?? "", this.config.clientSecret)) {
      return { ok: false, error: "incorrect_client_credentials", description: "The client_id and/or client_secret passed are incorrect." };
    }
    const grant = input.code ? this.grants.get(input.code) : undefined;
    // A code works once, even when the exchange fails.
    if (input.code) this.grants.delete(input.code);
    const badCode = { ok: false as const, error: "bad_verification_code", description: "The code passed is incorrect or expired." };
    if (!grant || grant.clientId !== input.clientId || grant.expiresAt < this.now()) return badCode;
    if (input.redirectUri && input.redirectUri !== grant.redirectUri) {
      return { ok: false, error: "redirect_uri_mismatch", description: "The redirect_uri MUST match the registered callback URL for this application." };
    }
    if (grant.codeChallenge !== undefined && !pkceMatches(grant.codeChallenge, grant.codeChallengeMethod ?? "plain", input.codeVerifier)) return badCode;
    return { ok: true, login: grant.login, scopes: grant.scopes };
  }
}

function redirectAllowed(callbackUrl: string | undefined, redirectUri: string): boolean {
  if (!callbackUrl) return true;
  try {
    const registered = new URL(callbackUrl);
    const wanted = new URL(redirectUri);
    return registered.origin === wanted.origin && wanted.pathname.startsWith(registered.pathname);
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

function pkceMatches(challenge: string, method: "S256" | "plain", verifier: string | undefined): boolean {
  if (!verifier) return false;
  return (method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier) === challenge;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
