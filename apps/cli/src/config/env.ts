import { ItemProviderSettingsShape, RetentionEnvShape } from "@repo/console-inngest/env";
import { z } from "zod";

// Unset and empty mean the same thing in a shell (`FOO= tributary ...`).
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
const url = z.string().url();
const optionalShape = <S extends Record<string, z.ZodType>>(shape: S) =>
  Object.fromEntries(Object.entries(shape).map(([name, schema]) => [name, optional(schema)])) as { [K in keyof S]: ReturnType<typeof optional<S[K]>> };

/** Every variable the CLI reads; the app reads the environment here and nowhere else. */
export const EnvSchema = z.object({
  TRIBUTARY_DATA_DIR: optional(z.string()),
  /** "1": executor and SDK logs on stderr. */
  TRIBUTARY_DEBUG: optional(z.enum(["0", "1"])),
  DATABASE_URL: optional(url),
  TRIBUTARY_EMBEDDING: optional(z.enum(["local", "openai", "cohere"])),
  TRIBUTARY_EMBEDDING_MODEL: optional(z.string()),
  TRIBUTARY_EMBEDDING_DIMENSIONS: optional(z.coerce.number().int().positive()),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(url),
  COHERE_API_KEY: optional(z.string()),
  COHERE_BASE_URL: optional(url),
  PINECONE_API_KEY: optional(z.string()),
  PINECONE_CONTROLLER_HOST_URL: optional(url),
  PINECONE_CLOUD: optional(z.enum(["aws", "gcp", "azure"])),
  PINECONE_REGION: optional(z.string()),
  GITHUB_TOKEN: optional(z.string()),
  GITHUB_API_URL: optional(url),
  /** Item sources (`tributary sync linear:ENG` …): tokens and endpoints, as each provider's entry declares them. */
  ...optionalShape(ItemProviderSettingsShape),
  /** Longest silence from GitHub, OpenAI, Cohere or Pinecone before a request fails (ms). */
  TRIBUTARY_REQUEST_TIMEOUT_MS: optional(z.coerce.number().int().positive()),
  /** How long a sync may show no sign of life before another run takes its source over (s). */
  TRIBUTARY_LEASE_TTL_SECONDS: optional(z.coerce.number().int().positive()),
  /** How long a batch may show no sign of life before its job counts it lost (s). */
  TRIBUTARY_BATCH_SILENCE_SECONDS: optional(z.coerce.number().int().positive()),
  TRIBUTARY_ACTIVITY_RETENTION_DAYS: optional(RetentionEnvShape.TRIBUTARY_ACTIVITY_RETENTION_DAYS),
  TRIBUTARY_SYNC_REQUEST_RETENTION_DAYS: optional(RetentionEnvShape.TRIBUTARY_SYNC_REQUEST_RETENTION_DAYS),
  TRIBUTARY_EMBEDDING_CACHE_MAX_ENTRIES: optional(RetentionEnvShape.TRIBUTARY_EMBEDDING_CACHE_MAX_ENTRIES),
  TRIBUTARY_DEAD_LETTER_RETENTION_DAYS: optional(RetentionEnvShape.TRIBUTARY_DEAD_LETTER_RETENTION_DAYS),
  /** Benchmarks: a file where `sync` writes its busy time per pipeline stage as JSON. */
  TRIBUTARY_STAGE_TIMINGS: optional(z.string()),
});

export type CliEnv = z.infer<typeof EnvSchema>;

/** Parses the environment, naming each bad variable (never its value: some are secrets). */
export function parseEnv(env: NodeJS.ProcessEnv): { ok: true; env: CliEnv } | { ok: false; message: string } {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return { ok: true, env: parsed.data };
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  return { ok: false, message: `invalid environment:\n${lines.join("\n")}` };
}
