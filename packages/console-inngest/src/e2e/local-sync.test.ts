import { createPgVectorStore, schema } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";
import { TestRepo } from "@repo/testing/github";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedLocalVectors, expectedVectorIds, filesAt, lexicalIds, lexicalTermStatistics } from "../testing/ground-truth";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";
import { createSyncDeps } from "../runtime/create-deps";
import { searchIndex } from "../runtime/search";

const tsFile = (name: string, n: number) =>
  `/** ${name} helpers. */\nexport function ${name}(input: number): number {\n  let total = input;\n${Array.from({ length: n }, (_, i) => `  total += ${i}; // step ${i}`).join("\n")}\n  return total;\n}\n`;

describe("sync on the embedded default (local git, local embedder, pgvector)", () => {
  let h: Harness;
  let repo: TestRepo;
  let sourceId: string;

  beforeAll(async () => {
    h = await createHarness();
    repo = await TestRepo.create();
    await repo.writeFiles({
      "src/retry.ts": tsFile("retryWithBackoff", 40),
      "src/parse.ts": tsFile("parseManifest", 10),
      "README.md": "# Demo\n\nA small repository, see [retry](src/retry.ts) and #42.\n\n## Usage\n\nCall `retryWithBackoff`.\n",
      "app.py": "def handle_request(payload):\n    return payload\n",
      ".env": "SECRET_TOKEN=abc\n",
      "logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
    });
    await repo.commit("initial");
    sourceId = await h.connect(localSourceSpec(repo.dir));
  });
  afterAll(async () => {
    await h?.close();
    await repo?.remove();
  });

  const vectorIds = async () => {
    const store = createPgVectorStore({ db: h.database.db, storeId: h.storeId, dimensions: 384 });
    return new Set(await store.listIds(sourceVectorPrefix(sourceId)));
  };

  it("indexes the head commit exactly on connect", async () => {
    const job = await h.lastJob(sourceId);
    const head = await repo.head();
    expect(job).toMatchObject({ status: "succeeded", targetCommit: head, trigger: "connect", filesSeen: 6, filesIndexed: 4, filesFailed: 0 });
    expect(job.skippedByReason).toEqual({ secret: 1, binary: 1 });
    const indexable = filesAt(repo.dir, head).filter((p) => !["logo.png", ".env"].includes(p));
    expect(await vectorIds()).toEqual(await expectedVectorIds(repo.dir, head, sourceId, indexable));
    // Every stored vector is the embedder's, to the last bit of its float4 values.
    const expected = await expectedLocalVectors(repo.dir, head, sourceId, indexable);
    const store = createPgVectorStore({ db: h.database.db, storeId: h.storeId, dimensions: 384 });
    const stored = await store.fetch([...expected.keys()]);
    expect(new Map(stored.map((r) => [r.id, r.values.map(Math.fround)]))).toEqual(expected);
    expect(await lexicalIds(h.database.db, sourceId)).toEqual(await vectorIds());
    const statistics = await lexicalTermStatistics(h.database.db, sourceId);
    expect(statistics.stored).toEqual(statistics.recounted);
    const [source] = await h.database.db.select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(source?.syncedCommit).toBe(head);
    // Executed the way Inngest Cloud and `inngest dev` do: steps checkpointed within requests.
    expect(
      h.local
        .runs()
        .flatMap((run) => run.steps)
        .some((step) => step.via === "checkpoint"),
    ).toBe(true);
    const edges = await h.database.db.select().from(schema.relationships).where(eq(schema.relationships.sourceId, sourceId));
    expect(edges.map((e) => [e.fromPath, e.kind, e.target, e.targetPath])).toEqual(
      expect.arrayContaining([
        ["README.md", "link", "src/retry.ts", "src/retry.ts"],
        ["README.md", "issue_ref", "#42", null],
      ]),
    );
  });

  it("re-syncs an unchanged repository with nothing embedded", async () => {
    await h.sync(sourceId);
    const job = await h.lastJob(sourceId);
    expect(job).toMatchObject({ status: "succeeded", filesIndexed: 0, filesUnchanged: 4, chunksEmbedded: 0, batchesTotal: 0 });
  });

  it("follows an edit, a rename and a delete with exact vectors and no new embeddings for the rename", async () => {
    await repo.writeFile("src/parse.ts", tsFile("parseManifest", 11));
    await repo.mv("src/retry.ts", "lib/retry.ts");
    await repo.rm("app.py");
    const head = await repo.commit("edit, rename, delete");
    await h.sync(sourceId);
    const job = await h.lastJob(sourceId);
    expect(job).toMatchObject({ status: "succeeded", targetCommit: head, filesIndexed: 2, filesDeleted: 2, filesUnchanged: 1 });
    expect(job.chunksEmbedded).toBeLessThanOrEqual(2);
    const indexable = filesAt(repo.dir, head).filter((p) => !["logo.png", ".env"].includes(p));
    expect(await vectorIds()).toEqual(await expectedVectorIds(repo.dir, head, sourceId, indexable));
    expect(await lexicalIds(h.database.db, sourceId)).toEqual(await vectorIds());
    const statistics = await lexicalTermStatistics(h.database.db, sourceId);
    expect(statistics.stored).toEqual(statistics.recounted);
  });
});

describe("searchIndex", () => {
  it("ranks the file that defines an identifier first", async () => {
    const h = await createHarness();
    const repo = await TestRepo.create();
    try {
      await repo.writeFiles({
        "src/retry.ts": tsFile("retryWithBackoff", 5),
        "src/parse.ts": tsFile("parseManifest", 5),
        "docs/usage.md": "# Usage\n\nWe call parseManifest and retryWithBackoff from the CLI.\n",
      });
      await repo.commit("init");
      const sourceId = await h.connect(localSourceSpec(repo.dir, "s"));
      const [store] = await h.database.db.select().from(schema.stores).where(eq(schema.stores.id, h.storeId));
      const deps = createSyncDeps({ db: h.database.db, embedding: { provider: "local" } });
      const hits = await searchIndex(deps, store!, "parseManifest", { sourceIds: [sourceId], topK: 3 });
      expect(hits[0]).toMatchObject({ sourceId, path: "src/parse.ts", startLine: 1 });
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      expect(await searchIndex(deps, store!, "parseManifest", { sourceIds: ["src_other"] })).toEqual([]);
    } finally {
      await h.close();
      await repo.remove();
    }
  });
});
