import { schema } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubPushReceived } from "../events";
import { searchIndex } from "../runtime/search";
import { expectedVectorIds, filesAt, lexicalIds } from "../testing/ground-truth";
import { startProductionFakes, type ProductionFakes, type Services } from "../testing/production-fakes";

const REPO_ID = 4242;
const moduleText = (i: number) => `export function handler${i}(input: string): string {\n  return input.repeat(${(i % 7) + 1});\n}\n`;

describe.each<Services>(["openai+pinecone", "local+pgvector"])("sync through the GitHub fake with %s", (services) => {
  let f: ProductionFakes;
  let repo: TestRepo;
  let sourceId: string;
  const jobs = async () =>
    f.harness.database.db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(asc(schema.syncJobs.createdAt));
  const expectIndexMatchesHead = async (excluded = "nothing/") => {
    const head = await repo.head();
    const paths = filesAt(repo.dir, head);
    const expected = await expectedVectorIds(
      repo.dir,
      head,
      sourceId,
      paths.filter((p) => !p.startsWith(excluded)),
    );
    expect(await f.vectorIds()).toEqual(expected);
    // The lexical side lives in Postgres whatever the vector backend, and holds exactly the same chunks.
    expect(await lexicalIds(f.harness.database.db, sourceId)).toEqual(expected);
  };
  const push = async (after: string, deliveryId: string) =>
    f.harness.inngest.send(
      githubPushReceived.create({
        deliveryId,
        repositoryId: REPO_ID,
        repositoryFullName: "acme/widgets",
        ref: "refs/heads/main",
        before: "0".repeat(40),
        after,
        forced: false,
        deleted: false,
        created: false,
        installationId: null,
      }),
    );

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.writeFiles({ "README.md": "# Widgets\n\nSee `handler1`.\n" });
    await repo.commit("readme");
    await repo.commitManyFiles(2000, { under: "src", content: moduleText });
    f = await startProductionFakes([{ repo, id: REPO_ID, name: "widgets" }], services);
    sourceId = await f.harness.connect({
      provider: "github",
      externalId: String(REPO_ID),
      fullName: "acme/widgets",
      owner: "acme",
      name: "widgets",
      location: "https://github.com/acme/widgets",
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 60,
    });
  }, 240_000);
  afterAll(async () => {
    await f?.close();
    await repo?.remove();
  });

  it("indexes a 2,000-file repository exactly, in 3 GitHub requests", async () => {
    const [job] = await jobs();
    expect(job).toMatchObject({ status: "succeeded", filesSeen: 2001, filesIndexed: 2001, filesFailed: 0, requestsGithub: 3 });
    if (services === "openai+pinecone") expect(job!.chunksEmbedded).toBe(f.openai.calls.reduce((n, c) => n + c.inputs.length, 0));
    // Tokens as the provider counted them equal what the fake received; local reports none.
    expect(job!.embeddingTokens).toBe(services === "openai+pinecone" ? f.openai.calls.reduce((n, c) => n + c.totalTokens, 0) : 0);
    if (services === "openai+pinecone") expect(job!.embeddingTokens).toBeGreaterThan(0);
    // A first sync writes each chunk's vector once.
    expect(job).toMatchObject({ vectorsUpserted: job!.chunksTotal, vectorsDeleted: 0 });
    expect(job!.chunksEmbedded).toBe(job!.chunksTotal);
    await expectIndexMatchesHead();
    // Executed the way Inngest Cloud and `inngest dev` do: steps checkpointed within requests.
    expect(
      f.harness.local
        .runs()
        .flatMap((run) => run.steps)
        .some((step) => step.via === "checkpoint"),
    ).toBe(true);
  }, 120_000);

  it("searches with fusion on these services: the file defining an identifier comes first", async () => {
    const [store] = await f.harness.database.db.select().from(schema.stores).where(eq(schema.stores.id, f.harness.storeId));
    const embedCalls = f.openai.calls.length;
    const hits = await searchIndex(f.harness.deps, store!, "handler1234", { sourceIds: [sourceId], topK: 5 });
    expect(hits[0]?.snippet).toContain("function handler1234(");
    // The lexical side (Postgres) found it: its match is highlighted in the snippet.
    expect(hits[0]!.highlights.length).toBeGreaterThan(0);
    // The dense side embedded the query with the store's provider (the OpenAI fake for that store).
    if (services === "openai+pinecone") expect(f.openai.calls.length).toBe(embedCalls + 1);
  }, 60_000);

  it("converges after edits, a rename, a config exclusion, a force-push and pushes during a sync", async () => {
    await repo.writeFile("src/d0/file-0.ts", moduleText(0) + "// edited\n");
    await repo.writeFile("src/d0/file-1.ts", moduleText(1) + "// edited\n");
    await repo.writeFile("src/d0/file-2.ts", moduleText(2) + "// edited\n");
    await repo.writeFiles({ "docs/new-a.md": "# A\n\nNew page.\n", "docs/new-b.md": "# B\n\nAnother page.\n" });
    await repo.rm("src/d0/file-3.ts");
    await repo.mv("src/d0/file-4.ts", "lib/file-4.ts");
    await repo.writeFiles({ "legacy/old.ts": "export const old = 1;\n" });
    const before = await repo.commit("change things");
    await push(before, "d-1");
    await f.harness.local.runUntilIdle();
    let history = await jobs();
    // The rename removes its old path: 2 documents deleted (file-3 and file-4 at its old path).
    expect(history.at(-1)).toMatchObject({ status: "succeeded", targetCommit: before, filesIndexed: 7, filesDeleted: 2 });
    await expectIndexMatchesHead();

    // Exclude a folder, then rewrite history: the excluded folder's vectors go, the rest converges.
    await repo.writeFile("tributary.yml", "version: 1\nexclude:\n  - legacy/**\n");
    await repo.commit("exclude legacy");
    await repo.resetHard("HEAD~1");
    await repo.writeFile("tributary.yml", "version: 1\nexclude:\n  - legacy/**\n");
    await repo.writeFile("src/d1/file-100.ts", moduleText(100) + "// rewritten history\n");
    const rewritten = await repo.commit("rewritten");

    // Two pushes while a sync runs: they coalesce into exactly one follow-up job.
    await push(rewritten, "d-2");
    // Every job targets the branch head when it plans; commit the next pushes once it has.
    await waitFor(async () => (await jobs()).at(history.length)?.targetCommit != null);
    await repo.writeFile("docs/new-a.md", "# A\n\nNew page, revised.\n");
    const second = await repo.commit("second push");
    await repo.mv("docs/new-b.md", "docs/moved-b.md");
    const third = await repo.commit("third push");
    await push(second, "d-3");
    await push(third, "d-4");
    await f.harness.local.runUntilIdle();

    history = await jobs();
    const latest = history.slice(-2);
    expect(latest.map((j) => j.targetCommit)).toEqual([rewritten, third]);
    expect(latest.every((j) => j.status === "succeeded")).toBe(true);
    expect(latest[1]).toMatchObject({ filesIndexed: 2, filesDeleted: 1 });
    // The coalesced job: one edited paragraph and one rename, so at most one new text.
    expect(latest[1]!.chunksEmbedded).toBeLessThanOrEqual(1);
    await expectIndexMatchesHead("legacy/");

    // A revert embeds nothing: its chunks are all in the cache.
    await repo.writeFile("docs/new-a.md", "# A\n\nNew page.\n");
    await push(await repo.commit("revert"), "d-5");
    await f.harness.local.runUntilIdle();
    expect((await jobs()).at(-1)).toMatchObject({ status: "succeeded", filesIndexed: 1, chunksEmbedded: 0 });
    await expectIndexMatchesHead("legacy/");
  }, 240_000);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
