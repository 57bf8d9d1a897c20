import { createPgVectorStore, type Db, type ItemProvider, type SourceRow, type StoreRow } from "@repo/console-db";
import {
  createCohereEmbedder,
  createOpenAIEmbedder,
  ProviderRateLimiter,
  systemClock,
  type MeteredEmbeddingProvider,
  type RetryPolicy,
} from "@repo/console-embed";
import { createGitHubClient, createGitHubSource, createLocalGitSource, type GitHubAuth } from "@repo/console-github";
import { createPooledLocalEmbedder } from "../cpu/pooled-local-embedder";
import { loadCredential } from "../items/credentials";
import { createItemConnector, isItemProvider, type ItemSourcesConfig } from "../items/registry";
import type { BatchLimits } from "../sync/batches";
import type { SyncTiming } from "../sync/lease";
import type { RetentionSettings } from "../sync/retention";
import type { CountingSourceAdapter, ManagedVectorStore, SyncDeps } from "../sync/deps";
import { lazyVectorStore } from "./lazy-vector-store";
import type { PineconeConfig } from "./pinecone";

export type EmbeddingConfig =
  | { provider: "local"; dimensions?: number }
  | { provider: "openai"; apiKey: string; baseURL?: string; model?: string; dimensions?: number }
  | { provider: "cohere"; token: string; baseUrl?: string; model?: string; dimensions?: number };

export interface RuntimeConfig {
  db: Db;
  /** Credentials and endpoints of the embedding provider the stores use. */
  embedding: EmbeddingConfig;
  /** Required for stores whose vector backend is Pinecone. */
  pinecone?: PineconeConfig;
  /** Required for GitHub sources. */
  github?: { auth: GitHubAuth | { kind: "app-installation"; appId: number | string; privateKey: string }; baseUrl?: string; timeScaleMs?: number };
  /** Item sources: endpoints, the credentials key, and (CLI) tokens from the environment. */
  items?: ItemSourcesConfig;
  embeddingRetry?: Partial<RetryPolicy>;
  /**
   * Longest silence (ms) from GitHub, OpenAI, Cohere or Pinecone before a request fails as a
   * retryable timeout; each client's default applies when unset (60 s; Pinecone 30 s).
   */
  requestTimeoutMs?: number;
  batchLimits?: BatchLimits;
  tarballThreshold?: number;
  /** The clock leases go by (tests: the executor's virtual clock); the wall clock by default. */
  now?: () => Date;
  timing?: Partial<SyncTiming>;
  recovery?: SyncDeps["recovery"];
  alerts?: SyncDeps["alerts"];
  /** cleanup.stale's retention and embedding cache cap. */
  retention?: Partial<RetentionSettings>;
  /** Rows per write statement/transaction of a sync (SHARED_CONNECTION_WRITE_SIZES for a console on PGlite). */
  writeSizes?: SyncDeps["writeSizes"];
}

/** Builds the workflows' dependencies from configuration; the only place that picks implementations. */
export function createSyncDeps(config: RuntimeConfig): SyncDeps {
  // One pace per model for the whole process: every batch's embedder draws on the same budgets.
  const limiters = new Map<string, ProviderRateLimiter>();
  const limiterFor = (model: string) => {
    const limiter = limiters.get(model) ?? new ProviderRateLimiter(systemClock);
    limiters.set(model, limiter);
    return limiter;
  };
  return {
    db: config.db,
    batchLimits: config.batchLimits,
    tarballThreshold: config.tarballThreshold,
    ...(config.now ? { now: config.now } : {}),
    ...(config.timing ? { timing: config.timing } : {}),
    ...(config.recovery ? { recovery: config.recovery } : {}),
    ...(config.alerts ? { alerts: config.alerts } : {}),
    ...(config.retention ? { retention: config.retention } : {}),
    ...(config.writeSizes ? { writeSizes: config.writeSizes } : {}),
    vectorStore: (store) => vectorStoreFor(config, store),
    embedder: (store) => embedderFor(config, store, limiterFor(store.embeddingModel)),
    sourceAdapter: (source) => sourceAdapterFor(config, source),
    itemConnector: async (source) => {
      const items = config.items ?? {};
      const token = await loadCredential(config.db, items.credentialsKey, source.id);
      return createItemConnector({ provider: requireItemProvider(source), scope: source.externalId, kind: source.branch }, token, items);
    },
  };
}

function vectorStoreFor(config: RuntimeConfig, store: StoreRow): ManagedVectorStore {
  if (store.vectorBackend === "pgvector") {
    return createPgVectorStore({
      db: config.db,
      storeId: store.id,
      dimensions: store.embeddingDimensions,
      ...(store.vectorConfig.table ? { table: store.vectorConfig.table } : {}),
    });
  }
  if (!config.pinecone) throw new Error(`store ${store.name} keeps its vectors in Pinecone, but no Pinecone API key is configured (PINECONE_API_KEY)`);
  const pinecone = { ...(config.requestTimeoutMs ? { timeoutMs: config.requestTimeoutMs } : {}), ...config.pinecone };
  return lazyVectorStore(store.embeddingDimensions, async () => (await import("./pinecone")).createPineconeStoreFor(pinecone, store));
}

function embedderFor(config: RuntimeConfig, store: StoreRow, limiter: ProviderRateLimiter): MeteredEmbeddingProvider {
  const e = config.embedding;
  if (e.provider !== store.embeddingProvider) {
    throw new Error(`store ${store.name} embeds with ${store.embeddingProvider}, but this process is configured for ${e.provider}`);
  }
  const providerOptions = {
    limiter,
    ...(config.embeddingRetry ? { retry: config.embeddingRetry } : {}),
    ...(config.requestTimeoutMs ? { timeoutMs: config.requestTimeoutMs } : {}),
  };
  switch (e.provider) {
    case "local":
      return createPooledLocalEmbedder(store.embeddingDimensions);
    case "openai":
      return createOpenAIEmbedder({
        apiKey: e.apiKey,
        model: store.embeddingModel,
        dimensions: store.embeddingDimensions,
        ...(e.baseURL ? { baseURL: e.baseURL } : {}),
        ...providerOptions,
      });
    case "cohere":
      return createCohereEmbedder({
        token: e.token,
        model: store.embeddingModel,
        dimensions: store.embeddingDimensions,
        ...(e.baseUrl ? { baseUrl: e.baseUrl } : {}),
        ...providerOptions,
      });
  }
}

function sourceAdapterFor(config: RuntimeConfig, source: SourceRow): CountingSourceAdapter {
  if (source.provider === "local") {
    return Object.assign(createLocalGitSource({ path: source.location, branch: source.branch }), { requestCount: () => 0 });
  }
  if (!config.github) throw new Error(`source ${source.fullName} is on GitHub, but no GitHub credentials are configured (GITHUB_TOKEN or a GitHub App)`);
  const auth: GitHubAuth =
    config.github.auth.kind === "app-installation"
      ? { kind: "app", appId: config.github.auth.appId, privateKey: config.github.auth.privateKey, installationId: requireInstallation(source) }
      : config.github.auth;
  const client = createGitHubClient({
    auth,
    ...(config.github.baseUrl ? { baseUrl: config.github.baseUrl } : {}),
    ...(config.github.timeScaleMs ? { timeScaleMs: config.github.timeScaleMs } : {}),
    ...(config.requestTimeoutMs ? { timeoutMs: config.requestTimeoutMs } : {}),
  });
  return createGitHubSource({ client, owner: source.owner ?? "", repo: source.name, branch: source.branch });
}

function requireItemProvider(source: SourceRow): ItemProvider {
  if (!isItemProvider(source.provider)) throw new Error(`source ${source.fullName} is a ${source.provider} source, not an item source`);
  return source.provider;
}

function requireInstallation(source: SourceRow): number {
  if (source.installationId === null) throw new Error(`source ${source.fullName} has no GitHub App installation; connect it through the App or use a token`);
  return source.installationId;
}
