import { FakePinecone } from "@repo/testing/pinecone";
import { sourceVectorPrefix } from "@repo/console-types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PineconeStoreError } from "./errors";
import { createPineconeVectorStore, type PineconeVectorStore } from "./pinecone-vector-store";
import { fileRecords, seededRandom } from "./testing/records";

describe("429s from Pinecone (the SDK does not retry them; this store does)", () => {
  const fake = new FakePinecone();
  let controllerHostUrl = "";
  const open = (namespace: string, extra: Partial<Parameters<typeof createPineconeVectorStore>[0]> = {}): PineconeVectorStore =>
    createPineconeVectorStore({ apiKey: "pc-test", indexName: "limited", namespace, dimensions: 32, controllerHostUrl, retry: { baseDelayMs: 10 }, ...extra });
  beforeAll(async () => {
    ({ controllerHostUrl } = await fake.start());
    fake.createIndex({ name: "limited", dimension: 32 });
  });
  afterEach(() => fake.data.setRateLimit(undefined));
  afterAll(() => fake.stop());

  it("recovers from a burst of 429s: every record lands and each retry waits at least retry-after", async () => {
    const store = open("sto_burst", { concurrency: 1, limits: { maxRecordsPerUpsert: 50 } });
    const records = Array.from({ length: 20 }, (_, f) => fileRecords("src_burst", `f${f}.ts`, 10, 32, seededRandom(f))).flat();
    fake.data.resetCounters();
    fake.data.failNext({ status: 429, times: 5, pathIncludes: "/vectors/upsert", headers: { "retry-after-ms": "120" } });

    await store.upsert(records);

    expect(fake.data.count({ status: 429 })).toBe(5);
    expect(fake.data.count({ pathIncludes: "/vectors/upsert", status: 200 })).toBe(4);
    expect(await store.count()).toBe(200);
    // With one request in flight, each request after a 429 is that request's retry. Its own
    // backoff would be 10 ms; the gap shows the 120 ms asked for (less clock rounding).
    const log = fake.data.requests;
    log.forEach((request, i) => {
      if (request.status === 429) expect(log[i + 1]!.receivedAt - request.at).toBeGreaterThanOrEqual(115);
    });
  });

  it("stays under a request-rate limit with concurrent batches: nothing is lost", async () => {
    // Eight requests leave at once against a limit of five per window, so some must get 429.
    const store = open("sto_window", { concurrency: 8, limits: { maxRecordsPerUpsert: 10 } });
    const records = Array.from({ length: 20 }, (_, f) => fileRecords("src_window", `f${f}.ts`, 10, 32, seededRandom(100 + f))).flat();
    fake.data.resetCounters();
    fake.data.setRateLimit({ limit: 5, windowMs: 200 });

    await store.upsert(records);

    expect(fake.data.count({ status: 429 })).toBeGreaterThan(0);
    expect(fake.data.count({ pathIncludes: "/vectors/upsert", status: 200 })).toBe(20);
    fake.data.setRateLimit(undefined);
    expect(new Set(await store.listIds(sourceVectorPrefix("src_window")))).toEqual(new Set(records.map((r) => r.id)));
  });

  it("fails loudly after its retries, saying a later retry may help", async () => {
    const store = open("sto_fail", { retry: { maxAttempts: 3, baseDelayMs: 5 } });
    fake.data.failNext({ status: 429, times: 3, pathIncludes: "/vectors/upsert", headers: { "retry-after-ms": "5" } });
    const error = await store.upsert(fileRecords("src_fail", "a.ts", 3, 32, seededRandom(1))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PineconeStoreError);
    expect(error).toMatchObject({ operation: "upsert", retryable: true, status: 429, attempts: 3 });
    expect(String((error as Error).message)).toMatch(/1 of 1 upsert requests failed.*rate limited \(429\).*a retry may succeed/);
    expect(String((error as Error).message)).not.toContain("pc-test");
  });

  it("does not retry a request Pinecone refuses, and says retrying will not help", async () => {
    const store = open("sto_bad");
    fake.data.resetCounters();
    fake.data.failNext({ status: 400, times: 1, pathIncludes: "/query", body: { code: 3, message: "bad filter", details: [] } });
    const error = await store.query({ vector: new Array(32).fill(0.1), topK: 3 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ operation: "query", retryable: false, status: 400, attempts: 1 });
    expect(fake.data.count({ pathIncludes: "/query" })).toBe(1);
  });

  it("rejects a wrong API key without retrying and without echoing it", async () => {
    const strict = new FakePinecone({ apiKey: "right-key" });
    const { controllerHostUrl: url } = await strict.start();
    strict.createIndex({ name: "strict", dimension: 4 });
    const store = createPineconeVectorStore({ apiKey: "wrong-key-123", indexName: "strict", namespace: "n", dimensions: 4, controllerHostUrl: url });
    const error = await store.listIds("x").catch((e: unknown) => e);
    await strict.stop();
    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(String((error as Error).message)).not.toContain("wrong-key-123");
  });
});
