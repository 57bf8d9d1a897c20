import { createPgVectorStore, schema } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { vectorId } from "@repo/console-types";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanupRequested } from "../events";
import { CLEANUP_REFUSED_ALERT } from "../functions/source-cleanup";
import { expectedVectorIds, filesAt, lexicalIds } from "../testing/ground-truth";
import { LOCAL_STORE } from "../testing/harness";
import { OPENAI_PINECONE_STORE, startProductionFakes, type ProductionFakes, type Services } from "../testing/production-fakes";

const REPO_ID = 5151;
const longDoc = Array.from({ length: 60 }, (_, i) => `## Section ${i}\n\nParagraph ${i} explains how widget ${i} is retried with backoff ${i * 3} ms.\n`).join(
  "\n",
);

describe.each<Services>(["openai+pinecone", "local+pgvector"])("cleanup.stale with %s", (services) => {
  let f: ProductionFakes;
  let repo: TestRepo;
  let sourceId: string;
  const db = () => f.harness.database.db;
  const dims = services === "openai+pinecone" ? OPENAI_PINECONE_STORE.embeddingDimensions : LOCAL_STORE.embeddingDimensions;

  /** Writes vectors behind the workflows' back, as a crashed or buggy writer would have. */
  const injectVectors = async (ids: string[]) => {
    const records = ids.map((id) => ({
      id,
      values: Array.from({ length: dims }, (_, i) => (i === 0 ? 1 : 0)),
      metadata: { sourceId, documentId: "doc_x", path: "x", startLine: 1, endLine: 1, commit: "0".repeat(40), chunkHash: "x", snippet: "x" },
    }));
    if (services === "openai+pinecone") f.pinecone.indexes.get("tributary-1536")!.upsert("production", records);
    else await createPgVectorStore({ db: db(), storeId: f.harness.storeId, dimensions: dims }).upsert(records);
  };
  const injectDocument = async (path: string, chunkHash: string) => {
    await db()
      .insert(schema.documents)
      .values({ sourceId, path, blobSha: "f".repeat(40), chunkHashes: [chunkHash], chunkCount: 1, outcome: "indexed", commit: "0".repeat(40), redactions: {} });
    await injectVectors([vectorId(sourceId, path, chunkHash)]);
    await injectLexical(vectorId(sourceId, path, chunkHash), path);
  };
  // A lexical row as documents.process writes one beside each vector: cleanup must take both.
  const injectLexical = (id: string, path: string) =>
    db()
      .insert(schema.lexicalChunks)
      .values({ vectorId: id, sourceId, path, startLine: 1, endLine: 1, symbols: "", commit: "0".repeat(40), content: "stale", terms: "stale" });
  const documentPaths = async () =>
    new Set((await db().select({ path: schema.documents.path }).from(schema.documents).where(eq(schema.documents.sourceId, sourceId))).map((r) => r.path));
  const cleanup = async (force?: boolean) => {
    await f.harness.inngest.send(cleanupRequested.create({ sourceId, actor: "test", ...(force ? { force } : {}) }));
    await f.harness.local.runUntilIdle();
  };
  const openAlerts = async () =>
    db()
      .select()
      .from(schema.alerts)
      .where(and(eq(schema.alerts.sourceId, sourceId), isNull(schema.alerts.resolvedAt)));

  beforeAll(async () => {
    repo = await TestRepo.create();
    const files: Record<string, string> = { "README.md": "# Widgets\n", "docs/guide.md": longDoc };
    for (let i = 0; i < 6; i++) files[`src/m${i}.ts`] = `export const m${i} = ${i};\n`;
    await repo.writeFiles(files);
    await repo.commit("initial");
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
  }, 120_000);
  afterAll(async () => {
    await f?.close();
    await repo?.remove();
  });

  it("deletes exactly the injected orphans and nothing else", async () => {
    const head = await repo.head();
    const truth = await expectedVectorIds(repo.dir, head, sourceId, filesAt(repo.dir, head));
    expect(await f.vectorIds()).toEqual(truth);
    expect(truth.size).toBeGreaterThan(8);

    const vectorsWithoutDocuments = [
      vectorId(sourceId, "ghost/never-indexed.ts", "aaaaaaaaaaaaaaaa"),
      vectorId(sourceId, "ghost/other.ts", "bbbbbbbbbbbbbbbb", 1),
    ];
    // A shrunk file: its manifest lists fewer chunks than the store still holds.
    const staleChunks = [vectorId(sourceId, "docs/guide.md", "cccccccccccccccc"), vectorId(sourceId, "src/m1.ts", "dddddddddddddddd", 2)];
    await injectVectors([...vectorsWithoutDocuments, ...staleChunks]);
    await injectLexical(staleChunks[1]!, "src/m1.ts");
    await injectDocument("removed/old.ts", "eeeeeeeeeeeeeeee");
    const [job] = await db().select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId));
    await db()
      .insert(schema.blobStaging)
      .values({ jobId: job!.id, sha: "a".repeat(40), content: new Uint8Array([1, 2, 3]), bytes: 3 });

    const injected = [...vectorsWithoutDocuments, ...staleChunks, vectorId(sourceId, "removed/old.ts", "eeeeeeeeeeeeeeee")];
    const before = await f.vectorIds();
    expect(before).toEqual(new Set([...truth, ...injected]));
    expect(await documentPaths()).toContain("removed/old.ts");

    await cleanup();

    const after = await f.vectorIds();
    expect([...before].filter((id) => !after.has(id)).sort()).toEqual([...injected].sort());
    expect(after).toEqual(truth);
    expect(await lexicalIds(db(), sourceId)).toEqual(truth);
    expect(await documentPaths()).toEqual(new Set(filesAt(repo.dir, head)));
    expect(await db().select().from(schema.blobStaging).where(eq(schema.blobStaging.jobId, job!.id))).toEqual([]);
    const [source] = await db().select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(source?.leaseHolder).toBeNull();
    expect(await openAlerts()).toEqual([]);
  }, 60_000);

  it("refuses a reconcile that would delete more than half of the documents, and raises one alert", async () => {
    const inTree = (await documentPaths()).size;
    for (let i = 0; i <= inTree; i++) await injectDocument(`vanished/f${i}.ts`, "9999999999999999");
    const vectorsBefore = await f.vectorIds();
    const documentsBefore = await documentPaths();

    await cleanup();
    await cleanup();

    expect(await f.vectorIds()).toEqual(vectorsBefore);
    expect(await documentPaths()).toEqual(documentsBefore);
    const alerts = await openAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: CLEANUP_REFUSED_ALERT, severity: "warning" });
    expect(alerts[0]!.message).toContain(`would delete ${inTree + 1} of ${2 * inTree + 1} documents`);

    // After a human looked: forced, it runs and the alert resolves.
    await cleanup(true);
    const head = await repo.head();
    expect(await f.vectorIds()).toEqual(await expectedVectorIds(repo.dir, head, sourceId, filesAt(repo.dir, head)));
    expect(await openAlerts()).toEqual([]);
  }, 60_000);

  it.runIf(services === "local+pgvector")(
    "runs daily from the cron: retention sweeps, then a reconcile of every source",
    async () => {
      const local = f.harness.local;
      const now = local.clock.now();
      const old = new Date(now - 120 * 86_400_000);
      await db()
        .insert(schema.activities)
        .values({ workspaceId: f.harness.workspaceId, actor: "test", action: "ancient", subjectType: "source", subjectId: sourceId, createdAt: old });
      const [job] = await db().select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId));
      await db().insert(schema.syncRequests).values({ sourceId, trigger: "manual", createdAt: old, consumedByJobId: job!.id });
      await injectVectors([vectorId(sourceId, "ghost/daily.ts", "abababababababab")]);
      // A dead letter resolved long ago goes; an old one still open stays until it is resolved.
      const letter = { functionId: "tributary-github-sync", sourceId, event: {}, error: "boom", attempts: 4, retryable: true, createdAt: old };
      await db()
        .insert(schema.deadLetters)
        .values([
          { ...letter, id: "dl-resolved", runId: "run-resolved", resolvedAt: old },
          { ...letter, id: "dl-open", runId: "run-open" },
        ]);
      await db()
        .insert(schema.webhookSignatureFailures)
        .values([
          { deliveryId: "forged-old", reason: "signature mismatch", receivedAt: old },
          { deliveryId: "forged-new", reason: "signature mismatch", receivedAt: new Date(now) },
        ]);
      const cleanupsBefore = local.runs().filter((r) => r.functionId.endsWith("source-cleanup")).length;

      local.enableCrons();
      const next317 = new Date(now);
      next317.setUTCHours(3, 17, 0, 0);
      if (next317.getTime() <= now) next317.setUTCDate(next317.getUTCDate() + 1);
      await local.advanceTime(next317.getTime() - now);

      const daily = local.runs().filter((r) => r.functionId.endsWith("cleanup-stale"));
      expect(daily).toHaveLength(1);
      expect(daily[0]).toMatchObject({
        status: "completed",
        output: { sources: 1, swept: expect.objectContaining({ activities: 1, syncRequests: 1, deadLetters: 1, signatureFailures: 1 }) },
      });
      const cleanups = local
        .runs()
        .filter((r) => r.functionId.endsWith("source-cleanup"))
        .slice(cleanupsBefore);
      expect(cleanups).toEqual([expect.objectContaining({ status: "completed", output: expect.objectContaining({ status: "cleaned", vectorsDeleted: 1 }) })]);
      expect(await db().select().from(schema.activities).where(eq(schema.activities.action, "ancient"))).toEqual([]);
      expect((await db().select({ id: schema.deadLetters.id }).from(schema.deadLetters)).map((r) => r.id)).toEqual(["dl-open"]);
      expect((await db().select({ id: schema.webhookSignatureFailures.deliveryId }).from(schema.webhookSignatureFailures)).map((r) => r.id)).toEqual([
        "forged-new",
      ]);
      const head = await repo.head();
      expect(await f.vectorIds()).toEqual(await expectedVectorIds(repo.dir, head, sourceId, filesAt(repo.dir, head)));
    },
    120_000,
  );
});
