import { resolve } from "node:path";
import { itemSourcesConfigOf, serviceConfigOf, type ItemSourcesConfig, type RuntimeConfig } from "@repo/console-inngest";
import { env } from "../env";
import type { GitHubCredentials } from "./resolve-source";

export type ServiceSettings = Omit<RuntimeConfig, "db"> & { databaseUrl?: string; dataDir?: string };

/**
 * Embedded mode: one person on this machine, no GitHub sign-in — a one-time login link printed
 * at startup, 127.0.0.1 only, and local git paths may be connected (only then is a path on the
 * server's disk a sensible and safe thing to connect). Team mode (GitHub sign-in,
 * workspaces) when a GitHub OAuth app is configured or TRIBUTARY_MODE=team.
 */
export function isEmbeddedMode(): boolean {
  return env.TRIBUTARY_MODE ? env.TRIBUTARY_MODE === "embedded" : !env.GITHUB_CLIENT_ID;
}

/** What the environment asks for; with nothing set, the embedded default in `.tributary/`. */
export function serviceSettings(): ServiceSettings {
  const settings: ServiceSettings = {
    ...serviceConfigOf(env),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(env.TRIBUTARY_DATA_DIR) }),
  };
  if (env.TRIBUTARY_ALERT_WEBHOOK_URL && !env.TRIBUTARY_ALERT_WEBHOOK_SECRET)
    throw new Error("TRIBUTARY_ALERT_WEBHOOK_URL needs TRIBUTARY_ALERT_WEBHOOK_SECRET to sign its notices");
  settings.alerts = {
    rules: {
      ...(env.TRIBUTARY_ALERT_CONSECUTIVE_FAILURES ? { consecutiveFailures: env.TRIBUTARY_ALERT_CONSECUTIVE_FAILURES } : {}),
      ...(env.TRIBUTARY_ALERT_SIGNATURE_FAILURES ? { signatureFailures: env.TRIBUTARY_ALERT_SIGNATURE_FAILURES } : {}),
      ...(env.TRIBUTARY_ALERT_STALE_INTERVALS ? { staleIntervals: env.TRIBUTARY_ALERT_STALE_INTERVALS } : {}),
    },
    ...(env.TRIBUTARY_ALERT_WEBHOOK_URL && env.TRIBUTARY_ALERT_WEBHOOK_SECRET
      ? { webhook: { url: env.TRIBUTARY_ALERT_WEBHOOK_URL, secret: env.TRIBUTARY_ALERT_WEBHOOK_SECRET } }
      : {}),
  };
  settings.items = itemSourcesSettings();
  return settings;
}

/**
 * Endpoints and the sealing key for Linear, Notion, Slack and Vercel sources. Tokens are per
 * source (entered on /connect, stored sealed), so the CLI's environment tokens are left out. The
 * key falls back to the configured auth secret only: embedded mode's per-process secret would
 * leave stored tokens unreadable after a restart.
 */
export function itemSourcesSettings(): ItemSourcesConfig {
  const { tokens: _cliTokens, ...items } = itemSourcesConfigOf(env, env.TRIBUTARY_AUTH_SECRET);
  return items;
}

/** What the Connect page may use: an App's installations, a token, or neither. */
export function githubCredentials(): GitHubCredentials {
  return {
    ...(env.GITHUB_TOKEN ? { token: env.GITHUB_TOKEN } : {}),
    ...(env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY
      ? { app: { appId: env.GITHUB_APP_ID, privateKey: env.GITHUB_APP_PRIVATE_KEY, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}) } }
      : {}),
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  };
}
