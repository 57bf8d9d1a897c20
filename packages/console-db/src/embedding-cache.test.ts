import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddingCache } from "./embedding-cache";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "./testing/open-test-database";

const scope = { provider: "openai", model: "text-embedding-3-small", dimensions: 4 };

describe.each<TestDatabaseKind>(["postgres", "pglite-memory"])("embedding cache on %s", (kind) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => handle?.dispose());

  it("returns what was stored, as float32, and only for the same provider/model/dimensions", async () => {
    const cache = createEmbeddingCache(handle.db);
    await cache.putMany(scope, [
      { textHash: "h1", vector: [0.1, -0.2, 0.3, 1] },
      { textHash: "h2", vector: [1, 0, 0, 0] },
    ]);
    const hits = await cache.getMany(scope, ["h1", "h2", "missing", "h1"]);
    expect([...hits.keys()].sort()).toEqual(["h1", "h2"]);
    const h1 = hits.get("h1")!;
    [0.1, -0.2, 0.3, 1].forEach((value, i) => expect(h1[i]).toBeCloseTo(value, 6));
    expect(Math.fround(0.1)).toBe(h1[0]);

    expect((await cache.getMany({ ...scope, model: "other" }, ["h1"])).size).toBe(0);
    expect((await cache.getMany({ ...scope, provider: "cohere" }, ["h1"])).size).toBe(0);
  });

  it("is idempotent on conflict and handles more keys than one statement holds", async () => {
    const cache = createEmbeddingCache(handle.db);
    const entries = Array.from({ length: 1203 }, (_, i) => ({ textHash: `bulk-${i}`, vector: [i, i + 1, i + 2, i + 3] }));
    await cache.putMany(scope, entries);
    await cache.putMany(
      scope,
      entries.slice(0, 10).map((e) => ({ ...e, vector: [9, 9, 9, 9] })),
    );
    const hits = await cache.getMany(
      scope,
      entries.map((e) => e.textHash),
    );
    expect(hits.size).toBe(1203);
    expect(hits.get("bulk-1202")).toEqual([1202, 1203, 1204, 1205]);
    expect(hits.get("bulk-0")).toEqual([0, 1, 2, 3]);
  });

  it("refuses a vector of the wrong length", async () => {
    const cache = createEmbeddingCache(handle.db);
    await expect(cache.putMany(scope, [{ textHash: "bad", vector: [1, 2] }])).rejects.toThrow(/2 dimensions, expected 4/);
  });
});
