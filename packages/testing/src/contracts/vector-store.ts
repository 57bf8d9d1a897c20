import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentVectorPrefix, sourceVectorPrefix, vectorId, type VectorRecord, type VectorStore } from "@repo/console-types";

export interface VectorStoreHarness {
  store: VectorStore;
  /** Called once after the suite. */
  close?: () => Promise<void>;
}

/** A unit vector pointing mostly along `axis`, so query order is known in advance. */
export function axisVector(dimensions: number, axis: number, spill = 0): number[] {
  const v = new Array<number>(dimensions).fill(0);
  v[axis % dimensions] = 1;
  if (spill) v[(axis + 1) % dimensions] = spill;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

export function makeRecord(sourceId: string, path: string, n: number, dimensions: number, spill = 0): VectorRecord {
  const chunkHash = (n.toString(16).padStart(2, "0") + path.length.toString(16)).padEnd(64, "0");
  return {
    id: vectorId(sourceId, path, chunkHash),
    values: axisVector(dimensions, n, spill),
    metadata: {
      sourceId,
      documentId: `${sourceId}/${path}`,
      path,
      startLine: n * 10 + 1,
      endLine: n * 10 + 9,
      commit: "c0ffee",
      chunkHash,
      context: `chunk ${n}`,
      snippet: `snippet ${n} of ${path}`,
    },
  };
}

/** The behaviour every VectorStore (pgvector, Pinecone) must show. */
export function describeVectorStoreContract(name: string, open: () => Promise<VectorStoreHarness>): void {
  describe(`VectorStore contract: ${name}`, () => {
    let harness: VectorStoreHarness;
    let store: VectorStore;
    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(async () => harness?.close?.());

    it("upserts, fetches and re-upserts idempotently", async () => {
      const dims = store.dimensions;
      const records = [0, 1, 2].map((n) => makeRecord("srcA", "README.md", n, dims));
      await store.upsert(records);
      await store.upsert(records);
      const fetched = await store.fetch(records.map((r) => r.id));
      expect(fetched.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
      expect(await store.listIds(documentVectorPrefix("srcA", "README.md"))).toHaveLength(3);
      const first = fetched.find((r) => r.id === records[0]!.id)!;
      expect(first.metadata).toEqual(records[0]!.metadata);
      expect(first.values[0]).toBeCloseTo(1, 5);
    });

    it("orders query results by cosine similarity and honours topK", async () => {
      const dims = store.dimensions;
      const matches = await store.query({ vector: axisVector(dims, 1), topK: 2 });
      expect(matches).toHaveLength(2);
      expect(matches[0]!.id).toBe(makeRecord("srcA", "README.md", 1, dims).id);
      expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);
      expect(matches[0]!.score).toBeCloseTo(1, 4);
      expect(matches[0]!.metadata.path).toBe("README.md");
    });

    it("filters by source so two repositories with the same path never mix", async () => {
      const dims = store.dimensions;
      await store.upsert([makeRecord("srcB", "README.md", 1, dims)]);
      const onlyB = await store.query({ vector: axisVector(dims, 1), topK: 10, filter: { sourceId: "srcB" } });
      expect(onlyB.map((m) => m.metadata.sourceId)).toEqual(["srcB"]);
      const both = await store.query({ vector: axisVector(dims, 1), topK: 10, filter: { sourceId: ["srcA", "srcB"] } });
      expect(new Set(both.map((m) => m.metadata.sourceId))).toEqual(new Set(["srcA", "srcB"]));
      expect(makeRecord("srcA", "README.md", 1, dims).id).not.toBe(makeRecord("srcB", "README.md", 1, dims).id);
    });

    it("lists and deletes by document and source prefix, and by ids", async () => {
      const dims = store.dimensions;
      await store.upsert([makeRecord("srcA", "docs/guide.md", 4, dims), makeRecord("srcA", "docs/guide.md", 5, dims)]);
      expect(await store.listIds(sourceVectorPrefix("srcA"))).toHaveLength(5);

      expect(await store.deleteByPrefix(documentVectorPrefix("srcA", "docs/guide.md"))).toBe(2);
      expect(await store.listIds(documentVectorPrefix("srcA", "docs/guide.md"))).toEqual([]);
      expect(await store.listIds(sourceVectorPrefix("srcA"))).toHaveLength(3);

      const readme0 = makeRecord("srcA", "README.md", 0, dims).id;
      await store.deleteIds([readme0]);
      expect(await store.fetch([readme0])).toEqual([]);
      await store.deleteIds([readme0]);

      expect(await store.deleteByPrefix(sourceVectorPrefix("srcA"))).toBe(2);
      expect(await store.listIds(sourceVectorPrefix("srcB"))).toHaveLength(1);
      expect(await store.deleteByPrefix(sourceVectorPrefix("srcA"))).toBe(0);
    });

    it("lists more ids than one page holds", async () => {
      const dims = store.dimensions;
      const many = Array.from({ length: 250 }, (_, n) => makeRecord("srcC", `f${n}.ts`, n, dims));
      await store.upsert(many);
      const ids = await store.listIds(sourceVectorPrefix("srcC"));
      expect(new Set(ids)).toEqual(new Set(many.map((r) => r.id)));
      expect(await store.deleteByPrefix(sourceVectorPrefix("srcC"))).toBe(250);
    });
  });
}
