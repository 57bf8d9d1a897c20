import { createPgVectorStore, schema } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";
import { FakeOpenAI } from "@repo/testing/openai";
import { TestRepo } from "@repo/testing/github";
import { and, asc, eq, isNull } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { syncRequested } from "../events";
import type { RecoveryPolicy } from "../recovery/plan-recovery";
import { queueRetryOfFailedWork } from "../recovery/retry-failed";
import { connectedEvent, connectSource, type SourceSpec } from "../sync/catalog";
import { expectedVectorIds, filesAt } from "../testing/ground-truth";
import { createHarness, type Harness } from "../testing/harness";
import { startProductionFakes } from "../testing/production-fakes";

const pad = (i: number) => String(i).padStart(2, "0");
const fn = (name: string, marker = "") => `export function ${name}(): string {\n  return "${name}${marker}";\n}\n`;
const MINUTE = 60_000;
// Crons far away: the virtual clock moves by hours here and only recovery should start syncs.
const QUIET_CRONS = { scheduleCron: "0 0 1 1 *", alertCron: "0 0 1 1 *" };

interface World {
  harness: Harness;
  openai: FakeOpenAI;
  repo: TestRepo;
  spec: SourceSpec;
  vectorIds(sourceId: string): Promise<Set<string>>;
  close(): Promise<void>;
}

/** Twenty files, ten of which (one batch of ten) carry a marker the fake OpenAI can fail on. */
async function corpus(): Promise<TestRepo> {
  const repo = await TestRepo.create();
  const files: Record<string, string> = {};
  for (let i = 0; i < 10; i++) files[`a/f${pad(i)}.ts`] = fn(`alpha${i}`);
  for (let i = 0; i < 10; i++) files[`b/f${pad(i)}.ts`] = fn(`beta${i}`, "-MARKED");
  await repo.writeFiles(files);
  await repo.commit("twenty files");
  return repo;
}

const worlds: Record<string, (recovery?: RecoveryPolicy) => Promise<World>> = {
  "PGlite + pgvector, local git source": async (recovery) => {
    const repo = await corpus();
    const openai = new FakeOpenAI();
    const baseURL = await openai.start();
    const harness = await createHarness({
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
        ...(recovery ? { recovery } : {}),
      },
      functions: QUIET_CRONS,
      quietSdk: true,
    });
    const store = createPgVectorStore({ db: harness.database.db, storeId: harness.storeId, dimensions: 256 });
    return {
      harness,
      openai,
      repo,
      spec: {
        provider: "local",
        externalId: repo.dir,
        fullName: "twenty",
        name: "twenty",
        owner: null,
        location: repo.dir,
        branch: "main",
        installationId: null,
        syncIntervalMinutes: 60,
      },
      vectorIds: async (sourceId) => new Set(await store.listIds(sourceVectorPrefix(sourceId))),
      close: async () => {
        await harness.close();
        await openai.stop();
        await repo.remove();
      },
    };
  },
  "production fakes: GitHub (Octokit), OpenAI, Pinecone": async () => {
    const repo = await corpus();
    const f = await startProductionFakes([{ repo, id: 42, name: "twenty" }], "openai+pinecone", {
      functions: QUIET_CRONS,
      quietSdk: true,
      runtime: { batchLimits: { maxFiles: 10, maxBytes: 1 << 20 } },
    });
    return {
      harness: f.harness,
      openai: f.openai,
      repo,
      spec: {
        provider: "github",
        externalId: "42",
        fullName: "acme/twenty",
        owner: "acme",
        name: "twenty",
        location: "https://github.com/acme/twenty",
        branch: "main",
        installationId: null,
        syncIntervalMinutes: 60,
      },
      vectorIds: async () => f.vectorIds(),
      close: async () => {
        await f.close();
        await repo.remove();
      },
    };
  },
};

/** Connects and lets one minute of virtual time pass: the sync ends, a 2-minute recovery backoff does not. */
async function connect(w: World): Promise<string> {
  const { source } = await connectSource(w.harness.database.db, w.harness.workspaceId, w.harness.storeId, w.spec);
  await w.harness.inngest.send(connectedEvent(source, "test"));
  await w.harness.local.advanceTime(MINUTE);
  return source.id;
}

async function jobsOf(h: Harness, sourceId: string) {
  return h.database.db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(asc(schema.syncJobs.createdAt));
}

describe.each(Object.keys(worlds))("error recovery (%s)", (name) => {
  let w: World | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it("recovers a partial job by itself once the provider is back, embedding only the texts that failed", async () => {
    w = await worlds[name]!();
    w.openai.failInputsContaining("MARKED");
    const sourceId = await connect(w);
    const [first] = await jobsOf(w.harness, sourceId);
    expect(first).toMatchObject({ status: "partial", filesIndexed: 10, filesFailed: 10 });

    // The outage ends; nobody does anything but let time pass.
    w.openai.failInputsContaining(undefined);
    const callsBefore = w.openai.calls.length;
    await w.harness.local.advanceTime(3 * MINUTE);

    const jobs = await jobsOf(w.harness, sourceId);
    expect(jobs.map((j) => [j.trigger, j.status])).toEqual([
      ["connect", "partial"],
      ["recovery", "succeeded"],
    ]);
    expect(jobs[1]).toMatchObject({ filesIndexed: 10, filesUnchanged: 10, filesFailed: 0, chunksEmbedded: 10 });
    const sent = w.openai.calls.slice(callsBefore).flatMap((c) => c.inputs);
    expect(sent).toHaveLength(10);
    expect(sent.every((text) => text.includes("MARKED"))).toBe(true);

    const head = await w.repo.head();
    expect(await w.vectorIds(sourceId)).toEqual(await expectedVectorIds(w.repo.dir, head, sourceId, filesAt(w.repo.dir, head)));
    const [source] = await w.harness.database.db.select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(source?.syncedCommit).toBe(head);
    const failedDocs = await w.harness.database.db
      .select()
      .from(schema.documents)
      .where(and(eq(schema.documents.sourceId, sourceId), eq(schema.documents.outcome, "failed")));
    expect(failedDocs).toEqual([]);
  }, 120_000);

  // The policy is the same code on both paths; once is enough for the slowest scenario.
  it.runIf(name.startsWith("PGlite"))(
    "stops after three recoveries when the outage lasts, and says so",
    async () => {
      w = await worlds[name]!();
      w.openai.failInputsContaining("MARKED");
      const sourceId = await connect(w);
      await w.harness.local.advanceTime(2 * 60 * MINUTE);
      const jobs = await jobsOf(w.harness, sourceId);
      expect(jobs.map((j) => [j.trigger, j.status])).toEqual([
        ["connect", "partial"],
        ["recovery", "partial"],
        ["recovery", "partial"],
        ["recovery", "partial"],
      ]);
      // Backoff grows: 2, 10 and 45 minutes after the job before.
      const gaps = jobs.slice(1).map((j, i) => Math.round((j.startedAt!.getTime() - jobs[i]!.finishedAt!.getTime()) / MINUTE));
      expect(gaps).toEqual([2, 10, 45]);
      const alerts = await w.harness.database.db
        .select()
        .from(schema.alerts)
        .where(and(eq(schema.alerts.sourceId, sourceId), isNull(schema.alerts.resolvedAt)));
      expect(alerts.map((a) => a.kind).sort()).toEqual(["consecutive-failures", "recovery-exhausted"]);
    },
    120_000,
  );

  it("never retries a bad key: one request, an alert, no recovery job", async () => {
    w = await worlds[name]!();
    w.openai.failNext({
      status: 401,
      times: 1000,
      body: { error: { message: "Incorrect API key provided: sk-test", type: "invalid_request_error", param: null, code: "invalid_api_key" } },
    });
    const sourceId = await connect(w);
    await w.harness.local.advanceTime(2 * 60 * MINUTE);
    const jobs = await jobsOf(w.harness, sourceId);
    expect(jobs.map((j) => [j.trigger, j.status])).toEqual([["connect", "partial"]]);
    // Each of the two upsert batches tried the key once; nothing tried it again.
    expect(jobs[0]!.batchesTotal).toBe(2);
    expect(w.openai.server.count({ status: 401 })).toBe(2);
    const alerts = await w.harness.database.db.select().from(schema.alerts).where(eq(schema.alerts.sourceId, sourceId));
    expect(alerts.map((a) => [a.kind, a.resolvedAt])).toEqual([["non-retryable", null]]);
    expect(alerts[0]!.message).toMatch(/retrying cannot help/);
  }, 120_000);

  it.runIf(name.startsWith("PGlite"))(
    "re-sends failed work on request (CLI, console) once however often it is asked",
    async () => {
      w = await worlds[name]!({ delaysMs: [] });
      w.openai.failInputsContaining("MARKED");
      const sourceId = await connect(w);
      await w.harness.local.advanceTime(60 * MINUTE);
      expect((await jobsOf(w.harness, sourceId)).map((j) => j.status)).toEqual(["partial"]);
      w.openai.failInputsContaining(undefined);

      const db = w.harness.database.db;
      const first = await queueRetryOfFailedWork(db, sourceId, { trigger: "manual", now: new Date() });
      const second = await queueRetryOfFailedWork(db, sourceId, { trigger: "manual", now: new Date() });
      expect(first).toMatchObject({ duplicate: false });
      expect(second).toMatchObject({ duplicate: true, requestId: first!.requestId });
      await w.harness.inngest.send(syncRequested.create({ sourceId, requestId: first!.requestId, commit: null, trigger: "manual" }));
      await w.harness.local.advanceTime(MINUTE);
      const jobs = await jobsOf(w.harness, sourceId);
      expect(jobs.map((j) => [j.trigger, j.status])).toEqual([
        ["connect", "partial"],
        ["manual", "succeeded"],
      ]);
      expect(jobs[1]).toMatchObject({ filesIndexed: 10, chunksEmbedded: 10 });
      // Nothing is left to retry.
      expect(await queueRetryOfFailedWork(db, sourceId, { trigger: "manual", now: new Date() })).toBeNull();
    },
    120_000,
  );
});
