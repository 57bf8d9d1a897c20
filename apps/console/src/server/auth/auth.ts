import { randomBytes } from "node:crypto";
import { authAdapterOptions, githubAccountIdOf, newId, recordGitHubIdentity, type Db } from "@repo/console-db";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { env } from "../../env";
import { getRuntime } from "../runtime";
import { isEmbeddedMode } from "../settings";
import { embeddedLogin } from "./embedded-login";
import { readGitHubProfile, type GitHubProfile } from "./github-profile";

const PREFIXES: Record<string, string> = { user: "usr", session: "ses", account: "acc", verification: "ver" };

function createAuth(db: Db, workspaceId: string) {
  const baseURL = publicUrl();
  // better-auth keeps provider profile fields it does not own out of the user row (so that no
  // request can set them); the login and organisations read during a sign-in are stored by the
  // session hook below, which runs in that same request.
  const signingIn = new Map<string, GitHubProfile>();
  const local = new URL(baseURL);
  return betterAuth({
    appName: "Tributary",
    secret: authSecret(),
    baseURL,
    // Embedded mode is reached as 127.0.0.1 or localhost, whichever the person typed.
    trustedOrigins: isEmbeddedMode() ? [`http://localhost:${local.port}`, `http://127.0.0.1:${local.port}`] : [],
    telemetry: { enabled: false },
    database: drizzleAdapter(db, authAdapterOptions),
    user: {
      // Read-only here: written by recordGitHubIdentity, never from request input.
      additionalFields: {
        githubLogin: { type: "string", required: false, input: false },
        githubId: { type: "string", required: false, input: false },
        githubOrgs: { type: "string", required: false, input: false },
      },
    },
    databaseHooks: {
      session: {
        create: {
          after: async (session) => {
            const accountId = await githubAccountIdOf(db, session.userId);
            const profile = accountId ? signingIn.get(accountId) : undefined;
            if (!accountId || !profile) return;
            signingIn.delete(accountId);
            await recordGitHubIdentity(db, session.userId, profile);
          },
        },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // The user's GitHub token is only needed while signing in; what stays is encrypted.
    account: { encryptOAuthTokens: true },
    // Secure cookies whenever the console is served over https (always, in a deployment).
    advanced: { useSecureCookies: local.protocol === "https:", database: { generateId: ({ model }) => newId(PREFIXES[model] ?? model.slice(0, 3)) } },
    plugins: [
      // Answers only while a printed link exists, which embedded mode alone prints.
      embeddedLogin({ db, workspaceId }),
      genericOAuth({ config: isEmbeddedMode() ? [] : [githubProvider(signingIn)] }),
      // Last: lets server actions set and clear the session cookie.
      nextCookies(),
    ],
  });
}

/** GitHub's OAuth web flow at GITHUB_OAUTH_URL (GitHub Enterprise, or the fake in tests). */
function githubProvider(signingIn: Map<string, GitHubProfile>) {
  const oauthUrl = env.GITHUB_OAUTH_URL.replace(/\/+$/, "");
  return {
    providerId: "github",
    name: "GitHub",
    clientId: env.GITHUB_CLIENT_ID ?? "",
    clientSecret: env.GITHUB_CLIENT_SECRET ?? "",
    authorizationUrl: `${oauthUrl}/login/oauth/authorize`,
    tokenUrl: `${oauthUrl}/login/oauth/access_token`,
    scopes: ["read:user", "user:email", "read:org"],
    // Login and organisations change on GitHub; each sign-in refreshes them.
    overrideUserInfo: true,
    getUserInfo: async (tokens: { accessToken?: string }) => {
      if (!tokens.accessToken) return null;
      const profile = await readGitHubProfile(tokens.accessToken, env.GITHUB_API_URL);
      // Sign-ins that never reach a session leave an entry behind: bound what they can hold.
      if (signingIn.size > 1000) signingIn.clear();
      signingIn.set(profile.githubId, profile);
      return profile;
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { tributaryAuth?: Promise<Auth>; tributaryEphemeralSecret?: string };

/** Where browsers reach the console: TRIBUTARY_URL, or this machine's port in embedded mode. */
export function publicUrl(): string {
  return (env.TRIBUTARY_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** Embedded mode may run without a configured secret: sessions then end when the process does. */
function authSecret(): string {
  if (env.TRIBUTARY_AUTH_SECRET) return env.TRIBUTARY_AUTH_SECRET;
  globalForAuth.tributaryEphemeralSecret ??= randomBytes(32).toString("base64url");
  return globalForAuth.tributaryEphemeralSecret;
}

export function getAuth(): Promise<Auth> {
  globalForAuth.tributaryAuth ??= getRuntime().then(
    (runtime) => createAuth(runtime.database.db, runtime.workspaceId),
    (error: unknown) => {
      globalForAuth.tributaryAuth = undefined;
      throw error;
    },
  );
  return globalForAuth.tributaryAuth;
}
