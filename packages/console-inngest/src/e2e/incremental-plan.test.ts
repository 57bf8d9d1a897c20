import { createPgVectorStore, schema } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";
import { TestRepo } from "@repo/testing/github";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedVectorIds, filesAt, lexicalIds } from "../testing/ground-truth";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";

const tsFile = (name: string, n: number) =>
  `/** ${name} helpers. */\nexport function ${name}(input: number): number {\n  let total = input;\n${Array.from({ length: n }, (_, i) => `  total += ${i}; // step ${i}`).join("\n")}\n  return total;\n}\n`;

const NOT_INDEXED = [".env", "logo.png"];

// An incremental sync plans from the commits' diff (work proportional to the change), and only
// while that diff is exact; the index must equal ground truth either way.
describe("incremental plans of a local repository", { timeout: 300_000 }, () => {
  let h: Harness;
  let repo: TestRepo;
  let sourceId: string;
  /** Whole-tree listings the sync asked the adapter for. */
  let treeListings = 0;

  beforeAll(async () => {
    h = await createHarness({
      wrapDeps: (deps) => ({
        ...deps,
        sourceAdapter: (source) => {
          const adapter = deps.sourceAdapter(source);
          return Object.assign(adapter, {
            snapshot: (commit: string) => {
              treeListings++;
              return deps.sourceAdapter(source).snapshot(commit);
            },
          });
        },
      }),
    });
    repo = await TestRepo.create();
    await repo.writeFiles({
      "src/a.ts": tsFile("alpha", 10),
      "src/b.ts": tsFile("beta", 10),
      "src/c.ts": tsFile("gamma", 10),
      "docs/guide.md": "# Guide\n\nSee alpha.\n",
      ".env": "SECRET_TOKEN=abc\n",
      "logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
    });
    await repo.commit("initial");
    sourceId = await h.connect(localSourceSpec(repo.dir));
  }, 600_000);
  afterAll(async () => {
    await h?.close();
    await repo?.remove();
  });

  const vectorIds = async () => {
    const store = createPgVectorStore({ db: h.database.db, storeId: h.storeId, dimensions: 384 });
    return new Set(await store.listIds(sourceVectorPrefix(sourceId)));
  };
  const expectGroundTruth = async (head: string) => {
    const indexable = filesAt(repo.dir, head).filter((p) => !NOT_INDEXED.includes(p));
    expect(await vectorIds()).toEqual(await expectedVectorIds(repo.dir, head, sourceId, indexable));
    expect(await lexicalIds(h.database.db, sourceId)).toEqual(await vectorIds());
    const [source] = await h.database.db.select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(source?.syncedCommit).toBe(head);
  };
  const syncCounting = async () => {
    const before = treeListings;
    await h.sync(sourceId);
    return { job: await h.lastJob(sourceId), treeListings: treeListings - before };
  };

  it("plans the first sync from the whole tree", async () => {
    expect(treeListings).toBe(1);
    await expectGroundTruth(await repo.head());
  });

  it("plans an edit, an add, a rename and a delete from the diff, with the counts of a whole-tree plan", async () => {
    await repo.writeFile("src/a.ts", tsFile("alpha", 11));
    await repo.writeFile("src/d.ts", tsFile("delta", 4));
    await repo.mv("src/b.ts", "lib/b.ts");
    await repo.rm("docs/guide.md");
    const head = await repo.commit("edit, add, rename, delete");
    const { job, treeListings: listed } = await syncCounting();
    expect(listed).toBe(0);
    // 6 files: a, c, d, lib/b, .env, logo.png; c is the one indexed file nobody touched.
    expect(job).toMatchObject({ status: "succeeded", targetCommit: head, filesSeen: 6, filesIndexed: 3, filesDeleted: 2, filesUnchanged: 1 });
    await expectGroundTruth(head);
  });

  it("follows a force-push to unrelated history from the diff of the two trees", async () => {
    const before = await repo.head();
    await repo.resetHard(`${before}~1`);
    await repo.writeFile("src/c.ts", tsFile("gamma", 3));
    const head = await repo.commit("rewritten history");
    const { job, treeListings: listed } = await syncCounting();
    expect(listed).toBe(0);
    // Against the manifest of the abandoned commit: a, c and guide changed or came back, b moved back, d left.
    expect(job).toMatchObject({ status: "succeeded", targetCommit: head, filesSeen: 6, filesIndexed: 4, filesDeleted: 2, filesUnchanged: 0 });
    await expectGroundTruth(head);
  });

  it("plans the whole tree when tributary.yml changes what is indexed", async () => {
    await repo.writeFile("tributary.yml", "version: 1\nexclude:\n  - src/c.ts\n");
    const head = await repo.commit("exclude c");
    const { job, treeListings: listed } = await syncCounting();
    expect(listed).toBe(1);
    expect(job).toMatchObject({ status: "succeeded", targetCommit: head });
    const indexable = filesAt(repo.dir, head).filter((p) => ![...NOT_INDEXED, "src/c.ts"].includes(p));
    expect(await vectorIds()).toEqual(await expectedVectorIds(repo.dir, head, sourceId, indexable));
  });

  it("plans the whole tree while the source is flagged for reconciliation", async () => {
    await h.database.db.update(schema.sources).set({ needsReconcile: true }).where(eq(schema.sources.id, sourceId));
    await repo.writeFile("src/a.ts", tsFile("alpha", 2));
    await repo.commit("edit a");
    const { treeListings: listed } = await syncCounting();
    expect(listed).toBe(1);
  });

  it("plans the whole tree after a job that did not succeed", async () => {
    const last = await h.lastJob(sourceId);
    await h.database.db.update(schema.syncJobs).set({ status: "partial" }).where(eq(schema.syncJobs.id, last.id));
    await repo.writeFile("src/d.ts", tsFile("delta", 2));
    await repo.commit("edit d");
    const { treeListings: listed } = await syncCounting();
    expect(listed).toBe(1);
  });
});
