import { createDb, migrate, type Database } from "@repo/console-db";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { FakeOpenAI } from "@repo/testing/openai";
import { FakePinecone } from "@repo/testing/pinecone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectSource, ensureStore, ensureWorkspace } from "../sync/catalog";
import { OPENAI_PINECONE_STORE } from "../testing/production-fakes";
import { createSyncDeps } from "./create-deps";

const TIMEOUT_MS = 500;

/** How long a call took to fail, and with what. */
async function failure(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  const error = await call().then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - start };
}

// requestTimeoutMs (TRIBUTARY_REQUEST_TIMEOUT_MS in both apps) reaches every outgoing client.
describe("RuntimeConfig.requestTimeoutMs bounds GitHub, OpenAI and Pinecone calls", () => {
  let database: Database;
  let repo: TestRepo;
  const github = { fake: undefined as unknown as FakeGitHub };
  const openai = new FakeOpenAI();
  const pinecone = new FakePinecone();
  let deps: ReturnType<typeof createSyncDeps>;
  let store: Awaited<ReturnType<typeof ensureStore>>;
  let source: Awaited<ReturnType<typeof connectSource>>["source"];

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.writeFiles({ "README.md": "# timeouts\n" });
    await repo.commit("init");
    github.fake = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "widgets", id: 77 }], tokens: ["test-token"] });
    const openaiUrl = await openai.start();
    const { controllerHostUrl } = await pinecone.start();
    pinecone.createIndex({ name: "tributary-1536", dimension: 1536 });
    database = await createDb({ memory: true });
    await migrate(database.db);
    deps = createSyncDeps({
      db: database.db,
      requestTimeoutMs: TIMEOUT_MS,
      embedding: { provider: "openai", apiKey: "sk-test", baseURL: openaiUrl },
      embeddingRetry: { maxAttempts: 1 },
      pinecone: { apiKey: "pc-test", controllerHostUrl },
      github: { auth: { kind: "token", token: "test-token" }, baseUrl: github.fake.url, timeScaleMs: 1 },
    });
    const workspaceId = await ensureWorkspace(database.db, "default");
    store = await ensureStore(database.db, workspaceId, OPENAI_PINECONE_STORE);
    ({ source } = await connectSource(database.db, workspaceId, store.id, {
      provider: "github",
      externalId: "77",
      fullName: "acme/widgets",
      owner: "acme",
      name: "widgets",
      location: "https://github.com/acme/widgets",
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 60,
    }));
  });
  afterAll(async () => {
    await database?.close();
    await Promise.all([github.fake?.stop(), openai.stop(), pinecone.stop()]);
    await repo?.remove();
  });

  const bounded = (ms: number, attempts = 1) => {
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(attempts * TIMEOUT_MS + 10_000);
  };

  it("GitHub", async () => {
    github.fake.failNext({ status: 200, times: 4, stall: "headers", pathIncludes: "/git/ref" });
    const { error, ms } = await failure(() => deps.sourceAdapter(source).resolveCommit("main"));
    expect(error).toMatchObject({ code: "timeout", retryable: true });
    bounded(ms, 4);
  });

  it("OpenAI", async () => {
    openai.failNext({ status: 200, times: 1, stall: "body" });
    const { error, ms } = await failure(() => deps.embedder(store).embed(["alpha"], "document"));
    expect(error).toMatchObject({ name: "EmbeddingError", retryable: true });
    bounded(ms);
  });

  it("Pinecone", async () => {
    pinecone.data.failNext({ status: 200, times: 1, stall: "headers", pathIncludes: "/query" });
    const vectors = deps.vectorStore(store);
    const { error, ms } = await failure(() => vectors.query({ vector: new Array(1536).fill(0.1), topK: 1 }));
    expect(error).toMatchObject({
      name: "PineconeStoreError",
      retryable: true,
      message: expect.stringContaining(`Pinecone sent nothing for ${TIMEOUT_MS} ms`),
    });
    bounded(ms);
  });
});
