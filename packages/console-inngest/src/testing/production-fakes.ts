import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { FakeOpenAI } from "@repo/testing/openai";
import { FakePinecone } from "@repo/testing/pinecone";
import type { StoreSpec } from "../sync/catalog";
import { createHarness, type Harness } from "./harness";

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
  /** The vector ids in the store's namespace, read from the fake's own records. */
  vectorIds(): Set<string>;
  close(): Promise<void>;
}

/** The production code path — Octokit, OpenAI, Pinecone SDKs over HTTP — against the fakes. */
export async function startProductionFakes(repos: Array<{ repo: TestRepo; id: number; name: string }>): Promise<ProductionFakes> {
  const github = await FakeGitHub.start({ repos: repos.map((r) => ({ dir: r.repo.dir, owner: "acme", name: r.name, id: r.id })), tokens: ["test-token"] });
  const openai = new FakeOpenAI();
  const openaiUrl = await openai.start();
  const pinecone = new FakePinecone();
  const { controllerHostUrl } = await pinecone.start();
  const harness = await createHarness({
    store: OPENAI_PINECONE_STORE,
    runtime: {
      embedding: { provider: "openai", apiKey: "sk-test", baseURL: openaiUrl },
      embeddingRetry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
      pinecone: { apiKey: "pc-test", controllerHostUrl, pollIntervalMs: 10 },
      github: { auth: { kind: "token", token: "test-token" }, baseUrl: github.url, timeScaleMs: 1 },
    },
  });
  return {
    harness,
    github,
    openai,
    pinecone,
    repos: repos.map((r) => r.repo),
    vectorIds: () => new Set(pinecone.indexes.get("tributary-1536")?.namespace("production").keys() ?? []),
    close: async () => {
      await harness.close();
      await Promise.all([github.stop(), openai.stop(), pinecone.stop()]);
    },
  };
}
