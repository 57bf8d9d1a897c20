import { TributaryError } from "@repo/console-types";
import type { EmbeddingConfig, RuntimeConfig } from "./create-deps";
import { retentionSettingsOf, type RetentionEnvShape } from "./retention-env";

// The one env → runtime mapping. Each app validates its environment with zod (only apps read it)
// and hands the parsed values here, so the CLI and the console build the same store, embedder,
// vector backend and timing from the same variables.

/** The parsed variables that choose the services; both apps' env schemas include them. */
export interface ServiceEnv extends RetentionEnv {
  TRIBUTARY_EMBEDDING?: "local" | "openai" | "cohere" | undefined;
  TRIBUTARY_EMBEDDING_MODEL?: string | undefined;
  TRIBUTARY_EMBEDDING_DIMENSIONS?: number | undefined;
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  COHERE_API_KEY?: string | undefined;
  COHERE_BASE_URL?: string | undefined;
  PINECONE_API_KEY?: string | undefined;
  PINECONE_CONTROLLER_HOST_URL?: string | undefined;
  PINECONE_CLOUD?: "aws" | "gcp" | "azure" | undefined;
  PINECONE_REGION?: string | undefined;
  GITHUB_TOKEN?: string | undefined;
  GITHUB_APP_ID?: string | undefined;
  GITHUB_APP_PRIVATE_KEY?: string | undefined;
  GITHUB_API_URL?: string | undefined;
  TRIBUTARY_REQUEST_TIMEOUT_MS?: number | undefined;
  TRIBUTARY_LEASE_TTL_SECONDS?: number | undefined;
  TRIBUTARY_BATCH_SILENCE_SECONDS?: number | undefined;
}

type RetentionEnv = { [K in keyof typeof RetentionEnvShape]?: number | undefined };

/** The part of RuntimeConfig that the environment decides. */
export type ServiceConfig = Pick<RuntimeConfig, "embedding" | "pinecone" | "github" | "requestTimeoutMs" | "timing" | "retention">;

/** Services from the environment; `provider` overrides TRIBUTARY_EMBEDDING (the CLI's --embedding). */
export function serviceConfigOf(env: ServiceEnv, provider = env.TRIBUTARY_EMBEDDING ?? "local"): ServiceConfig {
  const config: ServiceConfig = { embedding: embeddingConfigOf(env, provider) };
  if (env.TRIBUTARY_REQUEST_TIMEOUT_MS) config.requestTimeoutMs = env.TRIBUTARY_REQUEST_TIMEOUT_MS;
  if (env.TRIBUTARY_LEASE_TTL_SECONDS || env.TRIBUTARY_BATCH_SILENCE_SECONDS) {
    config.timing = {
      ...(env.TRIBUTARY_LEASE_TTL_SECONDS ? { leaseTtlMs: env.TRIBUTARY_LEASE_TTL_SECONDS * 1000 } : {}),
      ...(env.TRIBUTARY_BATCH_SILENCE_SECONDS ? { batchSilenceMs: env.TRIBUTARY_BATCH_SILENCE_SECONDS * 1000 } : {}),
    };
  }
  const retention = retentionSettingsOf(env);
  if (retention) config.retention = retention;
  // A Pinecone key moves vectors to Pinecone; without one they stay in pgvector beside the data.
  if (env.PINECONE_API_KEY) {
    config.pinecone = {
      apiKey: env.PINECONE_API_KEY,
      ...(env.PINECONE_CONTROLLER_HOST_URL ? { controllerHostUrl: env.PINECONE_CONTROLLER_HOST_URL } : {}),
      ...(env.PINECONE_CLOUD ? { cloud: env.PINECONE_CLOUD } : {}),
      ...(env.PINECONE_REGION ? { region: env.PINECONE_REGION } : {}),
    };
  }
  const baseUrl = env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {};
  if (env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY) {
    config.github = { auth: { kind: "app-installation", appId: env.GITHUB_APP_ID, privateKey: env.GITHUB_APP_PRIVATE_KEY }, ...baseUrl };
  } else if (env.GITHUB_TOKEN) {
    config.github = { auth: { kind: "token", token: env.GITHUB_TOKEN }, ...baseUrl };
  }
  return config;
}

/** The embedder; a provider without its key is a `missing-credentials` error naming the variable. */
export function embeddingConfigOf(env: ServiceEnv, provider: "local" | "openai" | "cohere"): EmbeddingConfig {
  const model = env.TRIBUTARY_EMBEDDING_MODEL ? { model: env.TRIBUTARY_EMBEDDING_MODEL } : {};
  const dimensions = env.TRIBUTARY_EMBEDDING_DIMENSIONS ? { dimensions: env.TRIBUTARY_EMBEDDING_DIMENSIONS } : {};
  switch (provider) {
    case "local":
      return { provider: "local", ...dimensions };
    case "openai":
      if (!env.OPENAI_API_KEY) throw missing("embedding with openai needs OPENAI_API_KEY");
      return { provider: "openai", apiKey: env.OPENAI_API_KEY, ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}), ...model, ...dimensions };
    case "cohere":
      if (!env.COHERE_API_KEY) throw missing("embedding with cohere needs COHERE_API_KEY");
      return { provider: "cohere", token: env.COHERE_API_KEY, ...(env.COHERE_BASE_URL ? { baseUrl: env.COHERE_BASE_URL } : {}), ...model, ...dimensions };
  }
}

const missing = (message: string) => new TributaryError({ code: "missing-credentials", retryable: false, message });
