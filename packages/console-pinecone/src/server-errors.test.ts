import { FakePinecone } from "@repo/testing/pinecone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPineconeVectorStore, type PineconeVectorStore } from "./pinecone-vector-store";
import { fileRecords, seededRandom } from "./testing/records";

describe("server errors (the SDK's own 5xx retries, then a retryable error)", () => {
  const fake = new FakePinecone();
  let store: PineconeVectorStore;
  beforeAll(async () => {
    const { controllerHostUrl } = await fake.start();
    fake.createIndex({ name: "flaky", dimension: 8 });
    store = createPineconeVectorStore({
      apiKey: "pc-test",
      indexName: "flaky",
      namespace: "sto",
      dimensions: 8,
      controllerHostUrl,
      indexHost: fake.hostFor("flaky"),
      sdkMaxRetries: 2,
    });
  });
  afterAll(() => fake.stop());

  it("rides out a short outage", async () => {
    fake.data.failNext({ status: 503, times: 2, pathIncludes: "/vectors/upsert" });
    await store.upsert(fileRecords("src", "a.ts", 3, 8, seededRandom(1)));
    expect(await store.count()).toBe(3);
  });

  it("fails with a retryable error when the outage outlasts the retries", async () => {
    fake.data.failNext({ status: 500, times: 3, pathIncludes: "/query" });
    const error = await store.query({ vector: new Array(8).fill(0.5), topK: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ operation: "query", retryable: true, message: expect.stringMatching(/server errors persisted/) });
    expect(fake.data.count({ pathIncludes: "/query", status: 500 })).toBe(3);
  });
});
