import { FakePinecone } from "@repo/testing/pinecone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPineconeClient } from "./client";
import { ensureIndex } from "./ensure-index";
import { createPineconeVectorStore } from "./pinecone-vector-store";

describe("ensureIndex", () => {
  const fake = new FakePinecone({ readyAfterMs: 400 });
  let controllerHostUrl = "";
  beforeAll(async () => {
    ({ controllerHostUrl } = await fake.start());
  });
  afterAll(() => fake.stop());

  it("creates a missing index and returns only once it is ready; the store then finds its host", async () => {
    const store = createPineconeVectorStore({ apiKey: "pc-test", indexName: "fresh", namespace: "sto_1", dimensions: 8, controllerHostUrl });
    fake.control.resetCounters();
    await store.ensureIndex({ cloud: "aws", region: "us-east-1", pollIntervalMs: 50 });

    expect(fake.index("fresh").ready).toBe(true);
    expect(fake.index("fresh").spec).toMatchObject({ dimension: 8, metric: "cosine", cloud: "aws", region: "us-east-1" });
    expect(fake.control.count({ method: "POST", pathIncludes: "/indexes" })).toBe(1);
    // First describe (404), then polls that saw "Initializing" before one saw ready.
    expect(fake.control.count({ method: "GET", pathIncludes: "/indexes/fresh" })).toBeGreaterThan(2);
    expect(fake.apiVersions).toEqual(new Set(["2026-04"]));

    await store.upsert([
      {
        id: "s:d:h:0",
        values: [1, 0, 0, 0, 0, 0, 0, 0],
        metadata: { sourceId: "s", documentId: "d", path: "a.md", startLine: 1, endLine: 2, commit: "c", chunkHash: "h", snippet: "x" },
      },
    ]);
    expect(await store.count()).toBe(1);
  });

  it("is safe to call concurrently: one creation, the others' 409s count as success", async () => {
    const client = createPineconeClient({ apiKey: "pc-test", controllerHostUrl });
    fake.control.resetCounters();
    const spec = { name: "shared", dimension: 16, cloud: "aws" as const, region: "us-east-1", pollIntervalMs: 50 };
    const models = await Promise.all([ensureIndex(client, spec), ensureIndex(client, spec), ensureIndex(client, spec)]);

    expect(models.every((m) => m.status.ready && m.dimension === 16)).toBe(true);
    // Usually all three saw 404 and raced to create; a slow caller may have found it instead.
    const creates = fake.control.requests.filter((r) => r.method === "POST").map((r) => r.status);
    expect(creates.filter((status) => status === 201)).toHaveLength(1);
    expect(creates.every((status) => status === 201 || status === 409)).toBe(true);
    expect([...fake.indexes.keys()].filter((name) => name === "shared")).toHaveLength(1);
    expect((await client.listIndexes()).indexes?.map((index) => index.name)).toContain("shared");
  });

  it("treats losing the creation race (409 after a 404) as success and still waits for ready", async () => {
    const client = createPineconeClient({ apiKey: "pc-test", controllerHostUrl });
    fake.createIndex({ name: "raced", dimension: 8 }, 300);
    fake.control.resetCounters();
    // The describe answers 404 as if the other creator had not finished yet.
    fake.control.failNext({
      status: 404,
      times: 1,
      pathIncludes: "/indexes/raced",
      body: { error: { code: "NOT_FOUND", message: "Resource raced not found" }, status: 404 },
    });
    const model = await ensureIndex(client, { name: "raced", dimension: 8, cloud: "aws", region: "us-east-1", pollIntervalMs: 50 });
    expect(model.status.ready).toBe(true);
    expect(fake.control.requests.filter((r) => r.method === "POST").map((r) => r.status)).toEqual([409]);
  });

  it("tells a store whose index is missing to run ensureIndex", async () => {
    const store = createPineconeVectorStore({ apiKey: "pc-test", indexName: "missing", namespace: "n", dimensions: 8, controllerHostUrl });
    await expect(store.listIds("x")).rejects.toMatchObject({
      retryable: false,
      status: 404,
      message: expect.stringMatching(/index missing does not exist; call ensureIndex first/),
    });
  });

  it("refuses an existing index of another dimension, and times out with a clear, retryable error", async () => {
    const client = createPineconeClient({ apiKey: "pc-test", controllerHostUrl });
    fake.createIndex({ name: "wrong-dims", dimension: 768 });
    await expect(ensureIndex(client, { name: "wrong-dims", dimension: 1536, cloud: "aws", region: "us-east-1" })).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/exists with dimension 768.*needs 1536/),
    });

    fake.createIndex({ name: "slow", dimension: 8 }, 60_000);
    await expect(
      ensureIndex(client, { name: "slow", dimension: 8, cloud: "aws", region: "us-east-1", timeoutMs: 200, pollIntervalMs: 50 }),
    ).rejects.toMatchObject({
      retryable: true,
      message: expect.stringMatching(/slow was not ready within 200 ms \(state: Initializing\)/),
    });
  });
});
