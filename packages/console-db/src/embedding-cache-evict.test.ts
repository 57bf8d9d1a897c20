import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddingCache } from "./embedding-cache";
import { evictEmbeddingCache } from "./embedding-cache-evict";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "./testing/open-test-database";

const scope = { provider: "local", model: "evict-test", dimensions: 2 };

describe.each<TestDatabaseKind>(["postgres", "pglite-memory"])("embedding cache eviction on %s", (kind) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => handle?.dispose());

  it("evicts the least recently used entries beyond the cap; a hit renews an entry", async () => {
    const cache = createEmbeddingCache(handle.db);
    // PGlite's clock ticks in milliseconds: a pause between steps keeps their times apart.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    for (const hash of ["a", "b", "c"]) {
      await cache.putMany(scope, [{ textHash: hash, vector: [1, 0] }]);
      await tick();
    }
    // "a" is the oldest write but the latest read: "b" is now the least recently used.
    await cache.getMany(scope, ["a"]);
    expect(await evictEmbeddingCache(handle.db, 2)).toBe(1);
    expect([...(await cache.getMany(scope, ["a", "b", "c"])).keys()].sort()).toEqual(["a", "c"]);
    expect(await evictEmbeddingCache(handle.db, 2)).toBe(0);
  });
});
