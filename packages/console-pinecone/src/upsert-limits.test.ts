import { PINECONE_LIMITS, FakePinecone } from "@repo/testing/pinecone";
import { sourceVectorPrefix } from "@repo/console-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPineconeVectorStore } from "./pinecone-vector-store";
import { fileRecords, seededRandom } from "./testing/records";

describe("upserts within Pinecone's request limits (SDK → HTTP → fake)", () => {
  const fake = new FakePinecone();
  let controllerHostUrl = "";
  beforeAll(async () => {
    ({ controllerHostUrl } = await fake.start());
    fake.createIndex({ name: "big", dimension: 1536 });
    fake.createIndex({ name: "small", dimension: 8 });
  });
  afterAll(() => fake.stop());

  it("5,000 records of 1536 dims: every request ≤ 2 MB and ≤ 1000 records, all 5,000 stored", async () => {
    const random = seededRandom(7);
    const records = Array.from({ length: 250 }, (_, f) => fileRecords("src_big", `src/module-${f}.ts`, 20, 1536, random)).flat();
    expect(records).toHaveLength(5000);
    const store = createPineconeVectorStore({ apiKey: "pc-test", indexName: "big", namespace: "sto_big", dimensions: 1536, controllerHostUrl });

    await store.upsert(records);

    const upserts = fake.callsOf("upsert");
    expect(upserts.length).toBeGreaterThan(1);
    // The fake answers 400 to any request over its limits; none got one.
    expect(upserts.every((c) => c.status === 200)).toBe(true);
    expect(Math.max(...upserts.map((c) => c.bodyBytes))).toBeLessThanOrEqual(PINECONE_LIMITS.maxRequestBytes);
    expect(Math.max(...upserts.map((c) => c.records))).toBeLessThanOrEqual(PINECONE_LIMITS.maxUpsertRecords);
    expect(upserts.reduce((sum, c) => sum + c.records, 0)).toBe(5000);
    // Batches are packed, not merely small: on average well over half of the byte budget.
    const averageBytes = upserts.reduce((sum, c) => sum + c.bodyBytes, 0) / upserts.length;
    expect(averageBytes).toBeGreaterThan(PINECONE_LIMITS.maxRequestBytes * 0.6);

    expect(await store.count()).toBe(5000);
    const ids = await store.listIds(sourceVectorPrefix("src_big"));
    expect(new Set(ids)).toEqual(new Set(records.map((r) => r.id)));
    const sample = [records[0]!, records[2499]!, records[4999]!];
    const fetched = await store.fetch(sample.map((r) => r.id));
    for (const record of sample) {
      const got = fetched.find((f) => f.id === record.id)!;
      expect(got.metadata).toEqual(record.metadata);
      expect(got.values).toEqual(record.values);
    }
  });

  it("small records are cut by count: 2,500 records of 8 dims → 3 requests of ≤ 1000", async () => {
    const random = seededRandom(11);
    const records = Array.from({ length: 125 }, (_, f) => fileRecords("src_small", `f${f}.md`, 20, 8, random)).flat();
    const store = createPineconeVectorStore({ apiKey: "pc-test", indexName: "small", namespace: "sto_small", dimensions: 8, controllerHostUrl });
    const before = fake.callsOf("upsert").length;
    await store.upsert(records);
    const upserts = fake.callsOf("upsert").slice(before);
    expect(upserts.map((c) => c.records).sort((a, b) => b - a)).toEqual([1000, 1000, 500]);
    expect(await store.count()).toBe(2500);
  });

  it("cuts an oversize snippet so the record still lands (the fake refuses metadata over 40 KB)", async () => {
    const [record] = fileRecords("src_long", "min.js", 1, 8, seededRandom(13));
    const store = createPineconeVectorStore({ apiKey: "pc-test", indexName: "small", namespace: "sto_long", dimensions: 8, controllerHostUrl });
    await store.upsert([{ ...record!, metadata: { ...record!.metadata, snippet: "x".repeat(100_000) } }]);
    const [stored] = await store.fetch([record!.id]);
    expect(stored!.metadata.snippet.length).toBeGreaterThan(39_000);
    expect(stored!.metadata.snippet.length).toBeLessThan(40_000);
    expect(fake.callsOf("upsert", 400)).toEqual([]);
  });
});
