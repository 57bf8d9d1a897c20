import { describe, expect, it } from "vitest";
import { PineconeStoreError } from "./errors";
import { defaultLimits } from "./limits";
import { planFetchBatches, planUpsertBatches } from "./request-batches";

const record = (id: string, dims: number) => ({ id, values: new Array<number>(dims).fill(0.123456789), metadata: { path: "a.ts" } });

describe("planUpsertBatches", () => {
  it("keeps each batch's exact JSON body within the byte budget and packs it close to full", () => {
    const records = Array.from({ length: 40 }, (_, i) => record(`r${i}`, 500));
    const limits = { ...defaultLimits, maxRequestBytes: 50_000 };
    const batches = planUpsertBatches(records, "sto_x", limits);
    for (const batch of batches) {
      const body = JSON.stringify({ vectors: batch, namespace: "sto_x" });
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(50_000);
    }
    const oneMore = (i: number) => JSON.stringify({ vectors: [...batches[i]!, batches[i + 1]![0]], namespace: "sto_x" });
    expect(Buffer.byteLength(oneMore(0))).toBeGreaterThan(50_000);
    expect(batches.flat().map((r) => r.id)).toEqual(records.map((r) => r.id));
  });

  it("cuts by record count when records are small, and refuses a record no request can carry", () => {
    const small = Array.from({ length: 2001 }, (_, i) => record(`r${i}`, 2));
    expect(planUpsertBatches(small, "n", defaultLimits).map((b) => b.length)).toEqual([1000, 1000, 1]);
    expect(() => planUpsertBatches([record("huge", 5000)], "n", { ...defaultLimits, maxRequestBytes: 10_000 })).toThrow(PineconeStoreError);
  });
});

describe("planFetchBatches", () => {
  it("keeps the query string short even for long ids", () => {
    const ids = Array.from({ length: 500 }, (_, i) => `source-${"x".repeat(60)}:${i}`);
    const batches = planFetchBatches(ids, "sto_x", defaultLimits);
    for (const batch of batches) {
      const query = [...batch.map((id) => `ids=${encodeURIComponent(id)}`), "namespace=sto_x"].join("&");
      expect(query.length).toBeLessThanOrEqual(defaultLimits.maxFetchQueryChars);
    }
    expect(batches.flat()).toEqual(ids);
  });
});
