import { createPgVectorStore, schema } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";
import { FakeOpenAI } from "@repo/testing/openai";
import { TestRepo } from "@repo/testing/github";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedVectorIds, filesAt } from "../testing/ground-truth";
import { createHarness, type Harness } from "../testing/harness";
import { startProductionFakes } from "../testing/production-fakes";
import { githubPushReceived } from "../events";

const pad = (i: number) => String(i).padStart(2, "0");
const fn = (name: string, marker = "") => `export function ${name}(): string {\n  return "${name}${marker}";\n}\n`;

describe("a permanent embedding failure in one batch", () => {
  let h: Harness;
  let openai: FakeOpenAI;
  let repo: TestRepo;
  let sourceId: string;

  beforeAll(async () => {
    openai = new FakeOpenAI();
    const baseURL = await openai.start();
    h = await createHarness({
      store: {
        name: "openai",
        embeddingProvider: "openai",
        embeddingModel: "text-embedding-3-small",
        embeddingDimensions: 256,
        vectorBackend: "pgvector",
        vectorConfig: {},
        chunking: { maxTokens: 512, overlapTokens: 0 },
      },
      runtime: {
        embedding: { provider: "openai", apiKey: "sk-test", baseURL },
        embeddingRetry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
        batchLimits: { maxFiles: 10, maxBytes: 1 << 20 },
        // The manual path: automatic recovery (error-recovery.test.ts) would retry the poisoned batch by itself.
        recovery: { delaysMs: [] },
      },
    });
    repo = await TestRepo.create();
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`a/f${pad(i)}.ts`] = fn(`alpha${i}`);
    // b/f00..b/f09 form the third batch in path order; only their texts carry the marker.
    for (let i = 0; i < 20; i++) files[`b/f${pad(i)}.ts`] = fn(`beta${i}`, i < 10 ? "-POISON" : "");
    await repo.writeFiles(files);
    await repo.commit("forty files");
    openai.failInputsContaining("POISON");
    sourceId = await h.connect({
      provider: "local",
      externalId: repo.dir,
      fullName: "forty",
      name: "forty",
      owner: null,
      location: repo.dir,
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 60,
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await openai?.stop();
    await repo?.remove();
  });

  it("ends partial, lists exactly that batch's files as failed and keeps the synced commit", async () => {
    const job = await h.lastJob(sourceId);
    expect(job).toMatchObject({ status: "partial", filesIndexed: 30, filesFailed: 10, batchesTotal: 4 });
    const failed = await h.database.db
      .select({ path: schema.syncJobFiles.path, error: schema.syncJobFiles.error })
      .from(schema.syncJobFiles)
      .where(and(eq(schema.syncJobFiles.jobId, job.id), eq(schema.syncJobFiles.outcome, "failed")));
    expect(failed.map((f) => f.path).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `b/f${pad(i)}.ts`));
    expect(failed[0]!.error).toMatch(/embedding failed.*openai/);
    const [source] = await h.database.db.select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(source?.syncedCommit).toBeNull();
    expect(source?.lastError).toMatch(/10 file\(s\) failed/);
  });

  it("re-processes only the failed files once the provider recovers", async () => {
    openai.failInputsContaining(undefined);
    const before = openai.calls.length;
    await h.sync(sourceId);
    const job = await h.lastJob(sourceId);
    expect(job).toMatchObject({ status: "succeeded", filesIndexed: 10, filesUnchanged: 30, filesFailed: 0, chunksEmbedded: 10 });
    expect(
      openai.calls
        .slice(before)
        .flatMap((c) => c.inputs)
        .every((t) => t.includes("POISON")),
    ).toBe(true);
    const head = await repo.head();
    const store = createPgVectorStore({ db: h.database.db, storeId: h.storeId, dimensions: 256 });
    expect(new Set(await store.listIds(sourceVectorPrefix(sourceId)))).toEqual(await expectedVectorIds(repo.dir, head, sourceId, filesAt(repo.dir, head)));
    const [source] = await h.database.db.select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(source?.syncedCommit).toBe(head);
  });
});

describe("identity", () => {
  let h: Harness;
  const repos: TestRepo[] = [];
  afterAll(async () => {
    await h?.close();
    await Promise.all(repos.map((r) => r.remove()));
  });
  beforeAll(async () => {
    h = await createHarness();
  });

  it("keeps two repositories with identical paths apart", async () => {
    const ids: string[] = [];
    for (const name of ["one", "two"]) {
      const repo = await TestRepo.create();
      repos.push(repo);
      await repo.writeFiles({ "README.md": `# ${name}\n\nThe ${name} repository.\n`, "src/index.ts": fn(`main_${name}`) });
      await repo.commit("init");
      ids.push(
        await h.connect({
          provider: "local",
          externalId: repo.dir,
          fullName: name,
          name,
          owner: null,
          location: repo.dir,
          branch: "main",
          installationId: null,
          syncIntervalMinutes: 60,
        }),
      );
    }
    const store = createPgVectorStore({ db: h.database.db, storeId: h.storeId, dimensions: 384 });
    const [a, b] = [await store.listIds(sourceVectorPrefix(ids[0]!)), await store.listIds(sourceVectorPrefix(ids[1]!))];
    expect(a.length).toBeGreaterThan(0);
    expect(a.filter((id) => b.includes(id))).toEqual([]);

    // Deleting README.md in one repository leaves the other's untouched.
    await repos[0]!.rm("README.md");
    await repos[0]!.commit("drop readme");
    await h.sync(ids[0]!);
    expect(await store.listIds(sourceVectorPrefix(ids[1]!))).toEqual(b);
    const docs = await h.database.db.select({ sourceId: schema.documents.sourceId }).from(schema.documents).where(eq(schema.documents.path, "README.md"));
    expect(docs.map((d) => d.sourceId)).toEqual([ids[1]]);
  });
});

describe("a renamed GitHub repository", () => {
  it("keeps its source, documents and vectors, and syncs under the new name", async () => {
    const repo = await TestRepo.create();
    await repo.writeFiles({ "README.md": "# Widgets\n", "src/a.ts": fn("widgetA") });
    await repo.commit("init");
    const f = await startProductionFakes([{ repo, id: 77, name: "widgets" }]);
    try {
      const sourceId = await f.harness.connect({
        provider: "github",
        externalId: "77",
        fullName: "acme/widgets",
        owner: "acme",
        name: "widgets",
        location: "https://github.com/acme/widgets",
        branch: "main",
        installationId: null,
        syncIntervalMinutes: 60,
      });
      const before = await f.vectorIds();
      expect(before.size).toBeGreaterThan(0);

      f.github.addRepo({ dir: repo.dir, owner: "acme", name: "gadgets", id: 77 });
      await repo.writeFile("src/b.ts", fn("gadgetB"));
      const head = await repo.commit("after rename");
      await f.harness.inngest.send(
        githubPushReceived.create({
          deliveryId: "r-1",
          repositoryId: 77,
          repositoryFullName: "acme/gadgets",
          ref: "refs/heads/main",
          before: "0".repeat(40),
          after: head,
          forced: false,
          deleted: false,
          created: false,
          installationId: null,
        }),
      );
      await f.harness.local.runUntilIdle();

      const sources = await f.harness.database.db.select().from(schema.sources);
      expect(sources.map((s) => [s.id, s.fullName])).toEqual([[sourceId, "acme/gadgets"]]);
      expect(await f.harness.lastJob(sourceId)).toMatchObject({ status: "succeeded", targetCommit: head, filesIndexed: 1, filesUnchanged: 2 });
      const after = await f.vectorIds();
      for (const id of before) expect(after.has(id)).toBe(true);
      expect(after).toEqual(await expectedVectorIds(repo.dir, head, sourceId, filesAt(repo.dir, head)));
    } finally {
      await f.close();
      await repo.remove();
    }
  }, 60_000);
});
