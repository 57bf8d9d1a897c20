import { createEnv } from "@t3-oss/env-nextjs";
import { ItemSourcesEnvShape, ItemWebhookSecretsEnvShape, RetentionEnvShape } from "@repo/console-inngest";
import { z } from "zod";

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
const logins = z
  .string()
  .transform((v) =>
    v
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((login) => login.toLowerCase()),
  )
  .pipe(z.array(z.string().regex(/^[a-z\d](?:[a-z\d-]{0,38})$/, "GitHub logins are letters, digits and hyphens")));

/** The console's configuration, validated once. The embedded default needs none of it. */
export const env = createEnv({
  server: {
    DATABASE_URL: z.string().url().optional(),
    TRIBUTARY_DATA_DIR: z.string().min(1).default(".tributary"),
    TRIBUTARY_EMBEDDING: z.enum(["local", "openai", "cohere"]).default("local"),
    // Same names and meaning as the CLI's, so both pick the same store for a data directory.
    TRIBUTARY_EMBEDDING_MODEL: z.string().min(1).optional(),
    TRIBUTARY_EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.string().url().optional(),
    COHERE_API_KEY: z.string().min(1).optional(),
    COHERE_BASE_URL: z.string().url().optional(),
    PINECONE_API_KEY: z.string().min(1).optional(),
    PINECONE_CONTROLLER_HOST_URL: z.string().url().optional(),
    PINECONE_CLOUD: z.enum(["aws", "gcp", "azure"]).optional(),
    PINECONE_REGION: z.string().min(1).optional(),
    GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
    GITHUB_TOKEN: z.string().min(1).optional(),
    GITHUB_APP_ID: z.string().regex(/^\d+$/, "GITHUB_APP_ID is the App's numeric id").optional(),
    // A PEM kept on one line in .env files has its newlines escaped as "\n".
    GITHUB_APP_PRIVATE_KEY: z
      .string()
      .min(1)
      .transform((key) => key.replace(/\\n/g, "\n"))
      .optional(),
    GITHUB_API_URL: z.string().url().optional(),
    // Longest silence from GitHub, OpenAI, Cohere or Pinecone before a request fails (ms).
    TRIBUTARY_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
    // Silence (s) after which a sync's source is taken over, and after which a batch counts as lost.
    TRIBUTARY_LEASE_TTL_SECONDS: z.coerce.number().int().positive().optional(),
    TRIBUTARY_BATCH_SILENCE_SECONDS: z.coerce.number().int().positive().optional(),
    // cleanup.stale: history retention and the embedding cache cap.
    ...RetentionEnvShape,
    // Item sources (each declares its variables in console-types' item-providers.ts): the key that
    // seals their stored tokens (the auth secret when unset) and the services' endpoints. Tokens
    // are entered per source on /connect.
    ...ItemSourcesEnvShape,
    // Each service's webhook secret, as its registry entry declares it; a route whose secret is unset answers 503.
    ...ItemWebhookSecretsEnvShape,
    // 1/true, or the dev server's URL (as the Inngest SDK reads it); 0/false forces cloud mode.
    INNGEST_DEV: z.union([flag, z.string().url()]).optional(),
    INNGEST_BASE_URL: z.string().url().optional(),
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
    // Sign-in (see src/server/deployment.ts for which of these each mode requires).
    TRIBUTARY_MODE: z.enum(["embedded", "team"]).optional(),
    TRIBUTARY_URL: z.string().url().optional(),
    TRIBUTARY_AUTH_SECRET: z.string().min(32, "TRIBUTARY_AUTH_SECRET must be at least 32 characters").optional(),
    TRIBUTARY_HOST: z.string().min(1).optional(),
    // The port `next start -p` / `pnpm dev` listen on (embedded mode's login link names it).
    PORT: z.coerce.number().int().positive().optional(),
    TRIBUTARY_OWNERS: logins.optional(),
    TRIBUTARY_GITHUB_ORG: z
      .string()
      .regex(/^[\w-]+$/)
      .optional(),
    GITHUB_CLIENT_ID: z.string().min(1).optional(),
    GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
    GITHUB_OAUTH_URL: z.string().url().default("https://github.com"),
    // /api/metrics answers only with `Authorization: Bearer <token>`; unset, the endpoint is off.
    TRIBUTARY_METRICS_TOKEN: z.string().min(16, "TRIBUTARY_METRICS_TOKEN must be at least 16 characters").optional(),
    // Alert notices (Slack-compatible JSON) go here, signed with the secret (X-Tributary-Signature-256).
    TRIBUTARY_ALERT_WEBHOOK_URL: z.string().url().optional(),
    TRIBUTARY_ALERT_WEBHOOK_SECRET: z.string().min(16, "TRIBUTARY_ALERT_WEBHOOK_SECRET must be at least 16 characters").optional(),
    TRIBUTARY_ALERT_CONSECUTIVE_FAILURES: z.coerce.number().int().positive().optional(),
    TRIBUTARY_ALERT_SIGNATURE_FAILURES: z.coerce.number().int().positive().optional(),
    TRIBUTARY_ALERT_STALE_INTERVALS: z.coerce.number().positive().optional(),
    // 1/true: print PGlite connection waits/holds and event-loop delay every 10 s (src/server/db-trace.ts).
    TRIBUTARY_DB_TRACE: flag.optional(),
  },
  shared: {
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  },
  experimental__runtimeEnv: { NODE_ENV: process.env.NODE_ENV },
  emptyStringAsUndefined: true,
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
});
