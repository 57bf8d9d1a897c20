import { FakeGitHub, type TestRepo } from "@repo/testing/github";
import { FakeOpenAI, type FakeOpenAIOptions } from "@repo/testing/openai";
import { FakePinecone, type FakePineconeOptions } from "@repo/testing/pinecone";
import type { StoreSpec } from "../sync/catalog";
import { createPgVectorStore } from "@repo/console-db";
import type { RuntimeConfig } from "../runtime/create-deps";
import { createHarness, LOCAL_STORE, type Harness, type HarnessOptions } from "./harness";

export const OPENAI_PINECONE_STORE: StoreSpec = {
  name: "production",
  embeddingProvider: "openai",
  embeddingModel: "text-embedding-3-small",
  embeddingDimensions: 1536,
  vectorBackend: "pinecone",
  vectorConfig: { indexName: "tributary-1536", namespace: "production" },
  chunking: { maxTokens: 512, overlapTokens: 0 },
};

export interface ProductionFakes {
  harness: Harness;
  github: FakeGitHub;
  openai: FakeOpenAI;
  pinecone: FakePinecone;
  repos: TestRepo[];
  /** The vector ids of the store: the Pinecone fake's own records, or the pgvector table. */
  vectorIds(): Promise<Set<string>>;
  close(): Promise<void>;
}

/** The production code path — Octokit, OpenAI, Pinecone SDKs over HTTP — against the fakes. */
export type Services = "openai+pinecone" | "local+pgvector";

/** How the fakes behave: latency and limits (defaults: none). */
export interface FakeBehaviour {
  openai?: FakeOpenAIOptions;
  pinecone?: FakePineconeOptions;
  githubLatencyMs?: number;
}

/**
 * GitHub through Octokit against the fake, with either the production embedding and vector
 * services (OpenAI and Pinecone SDKs against their fakes) or the embedded default.
 */
export async function startProductionFakes(
  repos: Array<{ repo: TestRepo; id: number; name: string }>,
  services: Services = "openai+pinecone",
  extra: Pick<HarnessOptions, "wrapDeps" | "skewMs" | "logger" | "quietSdk" | "databaseUrl" | "functions" | "clock"> & {
    runtime?: Partial<Omit<RuntimeConfig, "db">>;
    fakes?: FakeBehaviour;
  } = {},
): Promise<ProductionFakes> {
  const github = await FakeGitHub.start({ repos: repos.map((r) => ({ dir: r.repo.dir, owner: "acme", name: r.name, id: r.id })), tokens: ["test-token"] });
  github.http.latencyMs = extra.fakes?.githubLatencyMs ?? 0;
  const openai = new FakeOpenAI(extra.fakes?.openai);
  const openaiUrl = await openai.start();
  const pinecone = new FakePinecone(extra.fakes?.pinecone);
  const { controllerHostUrl } = await pinecone.start();
  const githubConfig = { auth: { kind: "token" as const, token: "test-token" }, baseUrl: github.url, timeScaleMs: 1 };
  const harness =
    services === "openai+pinecone"
      ? await createHarness({
          ...extra,
          store: OPENAI_PINECONE_STORE,
          runtime: {
            embedding: { provider: "openai", apiKey: "sk-test", baseURL: openaiUrl },
            embeddingRetry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
            pinecone: { apiKey: "pc-test", controllerHostUrl, pollIntervalMs: 10 },
            github: githubConfig,
            ...extra.runtime,
          },
        })
      : await createHarness({ ...extra, runtime: { embedding: { provider: "local" }, github: githubConfig, ...extra.runtime } });
  const pgvector = createPgVectorStore({ db: harness.database.db, storeId: harness.storeId, dimensions: LOCAL_STORE.embeddingDimensions });
  return {
    harness,
    github,
    openai,
    pinecone,
    repos: repos.map((r) => r.repo),
    vectorIds: async () =>
      services === "openai+pinecone"
        ? new Set(pinecone.indexes.get("tributary-1536")?.namespace("production").keys() ?? [])
        : new Set(await pgvector.listIds("")),
    close: async () => {
      await harness.close();
      await Promise.all([github.stop(), openai.stop(), pinecone.stop()]);
    },
  };
}
