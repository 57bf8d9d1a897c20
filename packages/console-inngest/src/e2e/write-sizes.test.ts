import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedVectorIds, filesAt, lexicalIds } from "../testing/ground-truth";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";
import { createPgVectorStore } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";

const file = (name: string, n: number) =>
  `export function ${name}(input: number): number {\n  let total = input;\n${Array.from({ length: n }, (_, i) => `  total += ${i} * ${name.length}; // ${name} step ${i}`).join("\n")}\n  return total;\n}\n`;

describe("write sizes of a sync (the console on PGlite keeps each write short)", () => {
  let h: Harness;
  let repo: TestRepo;
  const upserts: number[] = [];

  beforeAll(async () => {
    h = await createHarness({
      runtime: { embedding: { provider: "local" }, writeSizes: { vectorsPerUpsert: 3, manifestChunks: 4, cacheRows: 5 } },
      wrapDeps: (deps) => ({
        ...deps,
        vectorStore: (store) => {
          const real = deps.vectorStore(store);
          return Object.assign(Object.create(real), {
            upsert: (records: Parameters<typeof real.upsert>[0]) => {
              upserts.push(records.length);
              return real.upsert(records);
            },
          });
        },
      }),
    });
    repo = await TestRepo.create();
    await repo.writeFiles(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`src/f${i}.ts`, file(`step${i}`, 30 + i * 20)])));
    await repo.commit("initial");
  });
  afterAll(async () => {
    await h?.close();
    await repo?.remove();
  });

  it("writes vectors in upserts of at most the given size and indexes the same as with the defaults", async () => {
    const sourceId = await h.connect(localSourceSpec(repo.dir));
    const head = await repo.head();
    const job = await h.lastJob(sourceId);
    expect(job).toMatchObject({ status: "succeeded", filesIndexed: 12 });
    const store = createPgVectorStore({ db: h.database.db, storeId: h.storeId, dimensions: 384 });
    const stored = new Set(await store.listIds(sourceVectorPrefix(sourceId)));
    expect(stored).toEqual(await expectedVectorIds(repo.dir, head, sourceId, filesAt(repo.dir, head)));
    expect(await lexicalIds(h.database.db, sourceId)).toEqual(stored);
    // More vectors than one upsert holds, each upsert at most 3 (the default would write them in one).
    expect(stored.size).toBeGreaterThan(6);
    expect(upserts.length).toBeGreaterThan(2);
    expect(Math.max(...upserts)).toBeLessThanOrEqual(3);
  });
});
