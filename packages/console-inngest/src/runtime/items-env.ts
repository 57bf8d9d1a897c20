import { z } from "zod";
import type { ItemSourcesConfig } from "../items/registry";

/** Item sources' env fragment, composed by each app's env schema (the apps read the env). */
export const ItemSourcesEnvShape = {
  /** Seals stored item-source tokens (AES-256-GCM); ≥ 16 characters. The console may use its auth secret instead. */
  TRIBUTARY_CREDENTIALS_KEY: z.string().min(16).optional(),
  /** Tokens for sources without a stored credential (the CLI's way). */
  LINEAR_API_KEY: z.string().optional(),
  NOTION_TOKEN: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().optional(),
  VERCEL_TOKEN: z.string().optional(),
  /** Endpoints, for self-hosted proxies and the fakes in tests; the services' own when unset. */
  LINEAR_API_URL: z.string().url().optional(),
  NOTION_API_URL: z.string().url().optional(),
  SLACK_API_URL: z.string().url().optional(),
  VERCEL_API_URL: z.string().url().optional(),
  /** Scopes every Vercel call to this team (Vercel's `teamId`). */
  VERCEL_TEAM_ID: z.string().optional(),
};

type ItemSourcesEnv = { [K in keyof typeof ItemSourcesEnvShape]?: string | undefined };

/** The one env → ItemSourcesConfig mapping both apps use. */
export function itemSourcesConfigOf(env: ItemSourcesEnv, fallbackCredentialsKey?: string): ItemSourcesConfig {
  const credentialsKey = env.TRIBUTARY_CREDENTIALS_KEY ?? fallbackCredentialsKey;
  const tokens = {
    ...(env.LINEAR_API_KEY ? { linear: env.LINEAR_API_KEY } : {}),
    ...(env.NOTION_TOKEN ? { notion: env.NOTION_TOKEN } : {}),
    ...(env.SLACK_BOT_TOKEN ? { slack: env.SLACK_BOT_TOKEN } : {}),
    ...(env.VERCEL_TOKEN ? { vercel: env.VERCEL_TOKEN } : {}),
  };
  return {
    ...(credentialsKey ? { credentialsKey } : {}),
    tokens,
    ...(env.LINEAR_API_URL ? { linear: { apiUrl: env.LINEAR_API_URL } } : {}),
    ...(env.NOTION_API_URL ? { notion: { baseUrl: env.NOTION_API_URL } } : {}),
    ...(env.SLACK_API_URL ? { slack: { apiUrl: env.SLACK_API_URL } } : {}),
    ...(env.VERCEL_API_URL || env.VERCEL_TEAM_ID
      ? { vercel: { ...(env.VERCEL_API_URL ? { baseUrl: env.VERCEL_API_URL } : {}), ...(env.VERCEL_TEAM_ID ? { teamId: env.VERCEL_TEAM_ID } : {}) } }
      : {}),
  };
}
