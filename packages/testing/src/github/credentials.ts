import { createPublicKey, randomBytes, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { GitHubApiError } from "./errors";

export interface FakeAppConfig {
  appId: number;
  /** SPKI PEM (or a KeyObject) matching the private key the client signs JWTs with. */
  publicKey: string | KeyObject;
  /** The one installation that covers every hosted repository. Default 1. */
  installationId?: number;
  slug?: string;
}

export interface CredentialOptions {
  tokens: string[];
  app?: FakeAppConfig;
  tokenTtlMs: number;
  now: () => number;
}

export type Caller =
  | { kind: "anonymous" }
  | { kind: "token"; token: string }
  | { kind: "installation"; token: string }
  /** A user access token from the OAuth web flow: it acts as that user, within its scopes. */
  | { kind: "oauth"; token: string; login: string; scopes: string[] };

const jwtHeader = z.object({ alg: z.literal("RS256") });
const jwtClaims = z.object({ iat: z.number().int(), exp: z.number().int(), iss: z.union([z.string(), z.number()]) });

// GitHub's own messages: @octokit/auth-app matches the exp/iat ones to correct clock skew.
const BAD_JWT = "A JSON web token could not be decoded";
const EXPIRED_JWT = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
const FAR_JWT = "'Expiration time' claim ('exp') is too far in the future";
const EARLY_JWT = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";

/** Static tokens, App JWTs and the short-lived installation tokens issued for them. */
export class Credentials {
  private readonly issued = new Map<string, number>();
  private readonly userTokens = new Map<string, { login: string; scopes: string[] }>();
  private readonly publicKey: KeyObject | undefined;

  constructor(private readonly options: CredentialOptions) {
    const key = options.app?.publicKey;
    this.publicKey = key === undefined ? undefined : typeof key === "string" ? createPublicKey(key) : key;
  }

  get app(): FakeAppConfig | undefined {
    return this.options.app;
  }

  get installationId(): number {
    return this.options.app?.installationId ?? 1;
  }

  /** With no token and no App configured the fake is open, like a public repository. */
  get required(): boolean {
    return this.options.tokens.length > 0 || this.options.app !== undefined;
  }

  /** Identifies the caller of a repository endpoint or throws GitHub's 401. */
  authenticate(authorization: string | undefined): Caller {
    const credential = parseAuthorization(authorization);
    if (!credential) {
      if (this.required) throw new GitHubApiError(401, "Requires authentication");
      return { kind: "anonymous" };
    }
    if (this.options.tokens.includes(credential)) return { kind: "token", token: credential };
    const expiresAt = this.issued.get(credential);
    if (expiresAt !== undefined && this.options.now() < expiresAt) return { kind: "installation", token: credential };
    const user = this.userTokens.get(credential);
    if (user) return { kind: "oauth", token: credential, ...user };
    throw new GitHubApiError(401, "Bad credentials");
  }

  /** Checks an App JWT: RS256 signature with the App's key, iss = app id, iat/exp within GitHub's bounds. */
  verifyAppJwt(authorization: string | undefined): void {
    const jwt = parseAuthorization(authorization);
    if (!jwt || !this.publicKey || !this.options.app) throw new GitHubApiError(401, BAD_JWT);
    const [header = "", payload = "", signature = ""] = jwt.split(".");
    const signed = verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, "base64url"));
    const parsedHeader = jwtHeader.safeParse(decodeSegment(header));
    const claims = jwtClaims.safeParse(decodeSegment(payload));
    if (!signed || !parsedHeader.success || !claims.success) throw new GitHubApiError(401, BAD_JWT);
    const nowSeconds = Math.floor(this.options.now() / 1000);
    if (claims.data.exp <= nowSeconds) throw new GitHubApiError(401, EXPIRED_JWT);
    if (claims.data.exp > nowSeconds + 600 + 60) throw new GitHubApiError(401, FAR_JWT);
    if (claims.data.iat > nowSeconds + 60) throw new GitHubApiError(401, EARLY_JWT);
    if (String(claims.data.iss) !== String(this.options.app.appId)) throw new GitHubApiError(401, "Integration not found");
  }

  issueInstallationToken(): { token: string; expiresAt: number } {
    const token = `ghs_${randomBytes(27).toString("base64url").replace(/[-_]/g, "x").slice(0, 36)}`;
    const expiresAt = this.options.now() + this.options.tokenTtlMs;
    this.issued.set(token, expiresAt);
    return { token, expiresAt };
  }

  /** A user access token (`gho_…`) as the OAuth web flow's token exchange issues it. */
  issueUserToken(login: string, scopes: string[]): string {
    const token = `gho_${randomBytes(27).toString("base64url").replace(/[-_]/g, "x").slice(0, 36)}`;
    this.userTokens.set(token, { login, scopes });
    return token;
  }

  /** How many installation tokens were issued so far (a client with a token cache keeps this low). */
  get issuedCount(): number {
    return this.issued.size;
  }

  /** Makes every installation token issued so far invalid, as if its hour had passed. */
  expireInstallationTokens(): void {
    for (const token of this.issued.keys()) this.issued.set(token, 0);
  }
}

function parseAuthorization(header: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? "");
  return match?.[1];
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
