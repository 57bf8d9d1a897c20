import { env } from "../env";
import { isEmbeddedMode } from "./settings";

// What a deployment must configure, checked once at startup (src/instrumentation.ts) so a
// production console never comes up open: the README's "Deploying" section lists the same.

/** `next start` (NODE_ENV=production) without an explicit INNGEST_DEV is a production deployment. */
export function isProduction(): boolean {
  return env.NODE_ENV === "production" && env.INNGEST_DEV === undefined;
}

export interface InngestSettings {
  isDev: boolean;
  baseUrl?: string;
  eventKey?: string;
  signingKey?: string;
  /** The public origin the SDK registers with Inngest, instead of whatever Host a request carried. */
  serveOrigin?: string;
}

/**
 * Dev mode (no request signatures) only when asked for with INNGEST_DEV, or on a development
 * machine with no signing key: a signing key, or production, always means signed requests.
 */
export function inngestSettings(): InngestSettings {
  const explicit = env.INNGEST_DEV;
  const devUrl = typeof explicit === "string" ? explicit : undefined;
  const isDev = explicit !== undefined ? explicit !== false : !env.INNGEST_SIGNING_KEY && !isProduction();
  const baseUrl = env.INNGEST_BASE_URL ?? devUrl;
  return {
    isDev,
    ...(baseUrl ? { baseUrl } : {}),
    ...(env.INNGEST_EVENT_KEY ? { eventKey: env.INNGEST_EVENT_KEY } : {}),
    ...(env.INNGEST_SIGNING_KEY ? { signingKey: env.INNGEST_SIGNING_KEY } : {}),
    ...(env.TRIBUTARY_URL ? { serveOrigin: env.TRIBUTARY_URL } : {}),
  };
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** Every reason the console must not start with this environment; empty when it may. */
export function startupProblems(): string[] {
  const problems: string[] = [];
  if (isProduction()) {
    if (!env.INNGEST_SIGNING_KEY) problems.push("INNGEST_SIGNING_KEY is not set: /api/inngest could not tell Inngest's calls from forged ones");
    if (!env.INNGEST_EVENT_KEY) problems.push("INNGEST_EVENT_KEY is not set: the console could not send events to Inngest");
    if (!env.TRIBUTARY_AUTH_SECRET) problems.push("TRIBUTARY_AUTH_SECRET is not set: 32+ random characters that sign session cookies");
  }
  if (isEmbeddedMode()) {
    if (env.TRIBUTARY_HOST && !LOOPBACK.has(env.TRIBUTARY_HOST))
      problems.push(`TRIBUTARY_HOST=${env.TRIBUTARY_HOST}: embedded mode (no GitHub sign-in) listens on 127.0.0.1 only`);
    return problems;
  }
  if (!env.GITHUB_CLIENT_ID || !env.GITHUB_CLIENT_SECRET)
    problems.push("GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are needed for Sign in with GitHub (TRIBUTARY_MODE=team)");
  if (!env.TRIBUTARY_AUTH_SECRET && !isProduction()) problems.push("TRIBUTARY_AUTH_SECRET is not set: 32+ random characters that sign session cookies");
  if (!env.TRIBUTARY_URL) problems.push("TRIBUTARY_URL is not set: the console's public URL (GitHub redirects back to it after sign-in)");
  return problems;
}
