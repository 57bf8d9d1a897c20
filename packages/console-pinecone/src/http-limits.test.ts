import { FakePinecone } from "@repo/testing/pinecone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PineconeStoreError } from "./errors";
import { createPineconeVectorStore, type PineconeVectorStore } from "./pinecone-vector-store";
import type { PineconeVectorStoreOptions } from "./options";
import { fileRecords, seededRandom } from "./testing/records";

const TIMEOUT_MS = 500;

describe("Pinecone requests have a timeout and a response limit", () => {
  const fake = new FakePinecone();
  let connection: Pick<PineconeVectorStoreOptions, "controllerHostUrl" | "indexHost">;
  beforeAll(async () => {
    const { controllerHostUrl } = await fake.start();
    fake.createIndex({ name: "limits", dimension: 8 });
    connection = { controllerHostUrl, indexHost: fake.hostFor("limits") };
  });
  afterAll(() => fake.stop());

  const store = (options: Partial<PineconeVectorStoreOptions> = {}): PineconeVectorStore =>
    createPineconeVectorStore({
      apiKey: "pc-test",
      indexName: "limits",
      namespace: "sto",
      dimensions: 8,
      ...connection,
      timeoutMs: TIMEOUT_MS,
      sdkMaxRetries: 0,
      retry: { maxAttempts: 1 },
      ...options,
    });
  async function failure(call: () => Promise<unknown>): Promise<{ error: PineconeStoreError; ms: number }> {
    const start = performance.now();
    const error = await call().then(
      () => new Error("expected a failure"),
      (e: unknown) => e,
    );
    if (!(error instanceof PineconeStoreError)) throw error;
    return { error, ms: performance.now() - start };
  }

  it.each(["headers", "body"] as const)("fails a query within the timeout when Pinecone hangs (%s), as a retryable error", async (stall) => {
    fake.data.failNext({ status: 200, times: 1, stall, pathIncludes: "/query" });
    const { error, ms } = await failure(() => store().query({ vector: new Array(8).fill(0.5), topK: 1 }));
    expect(error).toMatchObject({ operation: "query", retryable: true, message: expect.stringContaining(`Pinecone sent nothing for ${TIMEOUT_MS} ms`) });
    expect(error.message).not.toContain("pc-test");
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 10_000);
  });

  it("fails a hung upsert the same way, and the store works once Pinecone answers again", async () => {
    fake.data.failNext({ status: 200, times: 1, stall: "headers", pathIncludes: "/vectors/upsert" });
    const records = fileRecords("src", "a.ts", 3, 8, seededRandom(3));
    const { error } = await failure(() => store().upsert(records));
    expect(error).toMatchObject({ operation: "upsert", retryable: true });
    const patient = store({ timeoutMs: 10_000 });
    await patient.upsert(records);
    expect(await patient.count()).toBe(3);
  });

  it.each([true, false])("refuses an oversized answer as final (content-length declared: %s)", async (declareLength) => {
    const before = fake.data.count({ pathIncludes: "/query" });
    fake.data.failNext({ status: 200, times: 1, oversizeBytes: 300_000, declareLength, pathIncludes: "/query" });
    const { error } = await failure(() =>
      store({ maxResponseBytes: 100_000, retry: { maxAttempts: 3 }, timeoutMs: 10_000 }).query({ vector: new Array(8).fill(0.5), topK: 1 }),
    );
    expect(error).toMatchObject({ operation: "query", retryable: false, message: expect.stringContaining("Pinecone answered with more than 100000 bytes") });
    expect(fake.data.count({ pathIncludes: "/query" }) - before).toBe(1);
  });
});
