import { resolve } from "node:path";
import { itemSourcesConfigOf, retentionSettingsOf, type EmbeddingConfig, type EmbeddedRuntimeOptions, type PineconeConfig } from "@repo/console-inngest";
import { CliError, EXIT } from "../errors";
import type { CliEnv } from "./env";

/** Flags every command accepts; they win over the environment. */
export interface ServiceFlags {
  dataDir?: string;
  databaseUrl?: string;
  embedding?: string;
}

/** PGlite in `dataDir`, or Postgres at `databaseUrl`; never both. */
export type RuntimeSettings = Omit<EmbeddedRuntimeOptions, "logger" | "clock"> & { debug?: boolean; stageTimingsFile?: string };

/**
 * Turns flags and environment into runtime options: the embedded default (PGlite in
 * `.tributary/`, local embedder, pgvector) unless a variable or flag names a service.
 */
export function resolveServices(flags: ServiceFlags, env: CliEnv, cwd: string): RuntimeSettings {
  const databaseUrl = flags.databaseUrl ?? env.DATABASE_URL;
  const settings: RuntimeSettings = {
    embedding: embeddingConfig(flags.embedding ?? env.TRIBUTARY_EMBEDDING ?? "local", env),
    ...(databaseUrl ? { databaseUrl } : { dataDir: resolve(cwd, flags.dataDir ?? env.TRIBUTARY_DATA_DIR ?? ".tributary") }),
  };
  if (env.TRIBUTARY_DEBUG === "1") settings.debug = true;
  if (env.TRIBUTARY_STAGE_TIMINGS) settings.stageTimingsFile = env.TRIBUTARY_STAGE_TIMINGS;
  if (env.TRIBUTARY_REQUEST_TIMEOUT_MS) settings.requestTimeoutMs = env.TRIBUTARY_REQUEST_TIMEOUT_MS;
  const timing = syncTiming(env);
  if (timing) settings.timing = timing;
  const retention = retentionSettingsOf(env);
  if (retention) settings.retention = retention;
  const pinecone = pineconeConfig(env);
  if (pinecone) settings.pinecone = pinecone;
  // The CLI stores no item-source tokens: each run reads them from its environment.
  settings.items = itemSourcesConfigOf(env);
  if (env.GITHUB_TOKEN) {
    settings.github = { auth: { kind: "token", token: env.GITHUB_TOKEN }, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}) };
  }
  return settings;
}

function embeddingConfig(provider: string, env: CliEnv): EmbeddingConfig {
  const model = env.TRIBUTARY_EMBEDDING_MODEL ? { model: env.TRIBUTARY_EMBEDDING_MODEL } : {};
  const dimensions = env.TRIBUTARY_EMBEDDING_DIMENSIONS ? { dimensions: env.TRIBUTARY_EMBEDDING_DIMENSIONS } : {};
  switch (provider) {
    case "local":
      return { provider: "local", ...dimensions };
    case "openai":
      if (!env.OPENAI_API_KEY) throw new CliError("embedding with openai needs OPENAI_API_KEY", EXIT.ENVIRONMENT);
      return { provider: "openai", apiKey: env.OPENAI_API_KEY, ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}), ...model, ...dimensions };
    case "cohere":
      if (!env.COHERE_API_KEY) throw new CliError("embedding with cohere needs COHERE_API_KEY", EXIT.ENVIRONMENT);
      return { provider: "cohere", token: env.COHERE_API_KEY, ...(env.COHERE_BASE_URL ? { baseUrl: env.COHERE_BASE_URL } : {}), ...model, ...dimensions };
    default:
      throw new CliError(`unknown embedding provider "${provider}" (use local, openai or cohere)`, EXIT.USAGE);
  }
}

/** A Pinecone key moves vectors to Pinecone; without one they stay in pgvector beside the data. */
function pineconeConfig(env: CliEnv): PineconeConfig | undefined {
  if (!env.PINECONE_API_KEY) return undefined;
  return {
    apiKey: env.PINECONE_API_KEY,
    ...(env.PINECONE_CONTROLLER_HOST_URL ? { controllerHostUrl: env.PINECONE_CONTROLLER_HOST_URL } : {}),
    ...(env.PINECONE_CLOUD ? { cloud: env.PINECONE_CLOUD } : {}),
    ...(env.PINECONE_REGION ? { region: env.PINECONE_REGION } : {}),
  };
}

/** Lease and lost-batch limits from the environment (the defaults suit production). */
export function syncTiming(env: { TRIBUTARY_LEASE_TTL_SECONDS?: number | undefined; TRIBUTARY_BATCH_SILENCE_SECONDS?: number | undefined }): RuntimeSettings["timing"] {
  if (!env.TRIBUTARY_LEASE_TTL_SECONDS && !env.TRIBUTARY_BATCH_SILENCE_SECONDS) return undefined;
  return {
    ...(env.TRIBUTARY_LEASE_TTL_SECONDS ? { leaseTtlMs: env.TRIBUTARY_LEASE_TTL_SECONDS * 1000 } : {}),
    ...(env.TRIBUTARY_BATCH_SILENCE_SECONDS ? { batchSilenceMs: env.TRIBUTARY_BATCH_SILENCE_SECONDS * 1000 } : {}),
  };
}
