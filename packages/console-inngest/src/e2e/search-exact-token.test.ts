import { schema } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncDeps } from "../runtime/create-deps";
import { searchIndex } from "../runtime/search";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";

const FILES = 5000;
const TOKENS = 50;

// Files that differ only in their identifiers and string literals: the dense side cannot tell
// them apart (the failing case), so the token must be found lexically.
const fileText = (i: number, token: string) =>
  `export function handler${i}(input: string): string {\n  const label = "item-${i}";\n  return input + label + "${token}";\n}\n`;

describe("a token that occurs in exactly one of 5,000 near-identical files", () => {
  let h: Harness;
  let repo: TestRepo;
  let sourceId: string;
  const planted = new Map<string, string>();

  beforeAll(async () => {
    // Big batches: the same indexing path in fewer steps, so the test stays short.
    h = await createHarness({ runtime: { embedding: { provider: "local" }, batchLimits: { maxFiles: 2500, maxBytes: 64 * 1024 * 1024 } } });
    repo = await TestRepo.create();
    const files: Record<string, string> = {};
    const holders = new Set<number>();
    while (holders.size < TOKENS) holders.add(Math.floor(Math.random() * FILES));
    for (let i = 0; i < FILES; i++) {
      const path = `src/gen/module${i}.ts`;
      let token = "filler";
      if (holders.has(i)) {
        token = `${randomWord()}${Math.random().toString(36).slice(2, 8)}`;
        planted.set(token, path);
      }
      files[path] = fileText(i, token);
    }
    await repo.writeFiles(files);
    await repo.commit("generated");
    sourceId = await h.connect(localSourceSpec(repo.dir, "gen"));
  }, 600_000);
  afterAll(async () => {
    await h?.close();
    await repo?.remove();
  });

  it("returns that file first for each of 50 random tokens", async () => {
    expect(await h.lastJob(sourceId)).toMatchObject({ status: "succeeded", filesIndexed: FILES });
    const [store] = await h.database.db.select().from(schema.stores).where(eq(schema.stores.id, h.storeId));
    const deps = createSyncDeps({ db: h.database.db, embedding: { provider: "local" } });
    const misses: string[] = [];
    for (const [token, path] of planted) {
      const [first] = await searchIndex(deps, store!, token, { sourceIds: [sourceId], topK: 5 });
      if (first?.path !== path) misses.push(`${token}: expected ${path}, got ${first?.path ?? "nothing"}`);
    }
    expect(misses).toEqual([]);
  }, 300_000);
});

function randomWord(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  return Array.from({ length: 5 }, () => letters[Math.floor(Math.random() * letters.length)]).join("");
}
