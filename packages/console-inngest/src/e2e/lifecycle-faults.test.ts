import { createPgVectorStore, schema } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";
import { TestRepo } from "@repo/testing/github";
import type { VirtualClock } from "@repo/inngest-local";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteRequested } from "../events";
import { connectedEvent, connectSource, type SourceSpec } from "../sync/catalog";
import type { SyncDeps } from "../sync/deps";
import { DEFAULT_TIMING } from "../sync/lease";
import { removeSource } from "../sync/remove-source";
import { sweepStaging } from "../sync/stage";
import { expectedVectorIds, filesAt, lexicalIds } from "../testing/ground-truth";
import { createHarness, type Harness } from "../testing/harness";
import { beforeUpsert, blackout } from "../testing/schedules";

const moduleText = (i: number, v = 0) => `export function unit${i}(): number {\n  return ${i * 100 + v};\n}\n`;

async function seededRepo(files: number): Promise<TestRepo> {
  const repo = await TestRepo.create();
  await repo.writeFiles(Object.fromEntries(Array.from({ length: files }, (_, i) => [`src/unit${i}.ts`, moduleText(i)])));
  await repo.commit("seed");
  return repo;
}

const localSpec = (repo: TestRepo, name: string): SourceSpec => ({
  provider: "local",
  externalId: repo.dir,
  fullName: name,
  name,
  owner: null,
  location: repo.dir,
  branch: "main",
  installationId: null,
  syncIntervalMinutes: 60,
});

describe("removal, lost batches and staging, on inngest-local", () => {
  let h: Harness;
  let darkUntil = 0;
  let darkArmed = false;
  let outageAt = 0;
  const now = () => (h.local.clock as VirtualClock).now();

  beforeAll(async () => {
    const wrapDeps = (deps: SyncDeps): SyncDeps => ({
      ...deps,
      db: blackout(deps.db, () => now() < darkUntil),
      // The outage begins at a batch's vector write and outlasts its retries and its onFailure.
      vectorStore: (store) =>
        beforeUpsert(deps.vectorStore(store), () => {
          if (!darkArmed) return;
          darkArmed = false;
          outageAt = now();
          darkUntil = now() + 5_000;
          throw new Error("Connection terminated unexpectedly (the database is unavailable)");
        }),
    });
    h = await createHarness({ wrapDeps, runtime: { embedding: { provider: "local" }, batchLimits: { maxFiles: 10, maxBytes: 1 << 20 } } });
  });
  afterAll(() => h?.close());

  const jobsOf = (sourceId: string) =>
    h.database.db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(asc(schema.syncJobs.createdAt));
  const vectorIds = async (sourceId: string) =>
    new Set(await createPgVectorStore({ db: h.database.db, storeId: h.storeId, dimensions: 384 }).listIds(sourceVectorPrefix(sourceId)));
  const expectAtHead = async (repo: TestRepo, sourceId: string) => {
    const head = await repo.head();
    const expected = await expectedVectorIds(repo.dir, head, sourceId, filesAt(repo.dir, head));
    expect(await vectorIds(sourceId)).toEqual(expected);
    expect(await lexicalIds(h.database.db, sourceId)).toEqual(expected);
  };

  it("runs a full sync when a removed source is connected again within 24 h (a new connection, not a duplicate)", async () => {
    const repo = await seededRepo(12);
    const sourceId = await h.connect(localSpec(repo, "again"));
    await expectAtHead(repo, sourceId);

    const removal = await removeSource({ db: h.database.db }, sourceId, "test");
    await h.inngest.send(deleteRequested.create({ sourceId, connection: removal!.connection }));
    await h.local.runUntilIdle();
    expect(await vectorIds(sourceId)).toEqual(new Set());

    const { source } = await connectSource(h.database.db, h.workspaceId, h.storeId, localSpec(repo, "again"));
    expect(source).toMatchObject({ id: sourceId, connection: 2, status: "active" });
    await h.inngest.send(connectedEvent(source, "test"));
    await h.local.runUntilIdle();
    expect((await jobsOf(sourceId)).at(-1)).toMatchObject({ trigger: "connect", status: "succeeded", filesIndexed: 12 });
    await expectAtHead(repo, sourceId);
    await repo.remove();
  }, 120_000);

  it("a reconnect before the removal ran waits for it, then indexes from scratch", async () => {
    const repo = await seededRepo(8);
    const sourceId = await h.connect(localSpec(repo, "quick"));
    const removal = await removeSource({ db: h.database.db }, sourceId, "test");
    // Connect again at once: the removal's event is only sent afterwards, so the sync must wait.
    const { source } = await connectSource(h.database.db, h.workspaceId, h.storeId, localSpec(repo, "quick"));
    await h.inngest.send(connectedEvent(source, "test"));
    await h.local.waitForIdle();
    await h.inngest.send(deleteRequested.create({ sourceId, connection: removal!.connection }));
    await h.local.runUntilIdle();
    const last = (await jobsOf(sourceId)).at(-1);
    expect(last).toMatchObject({ status: "succeeded", filesIndexed: 8 });
    await expectAtHead(repo, sourceId);
    await repo.remove();
  }, 120_000);

  it("detects within 5 minutes a batch whose run and onFailure both failed; the job ends partial and the next sync converges", async () => {
    const repo = await seededRepo(30);
    const sourceId = await h.connect(localSpec(repo, "lost"));
    for (let i = 0; i < 30; i++) await repo.writeFile(`src/unit${i}.ts`, moduleText(i, 1));
    await repo.commit("edit every file");
    darkArmed = true;
    await h.sync(sourceId);

    // The manual sync ended partial; the automatic recovery (2 minutes later, on the same clock) healed it.
    const jobs = await jobsOf(sourceId);
    const job = jobs.filter((j) => j.trigger === "manual").at(-1)!;
    expect(job.status).toBe("partial");
    expect(jobs.at(-1)).toMatchObject({ trigger: "recovery", status: "succeeded" });
    const batches = await h.database.db.select().from(schema.syncBatches).where(eq(schema.syncBatches.jobId, job.id));
    const lost = batches.filter((b) => b.error?.startsWith("lost:"));
    // Batches whose runs met the outage (the one whose vector write began it, and any other
    // running then): found by the orchestrator, not by their own onFailure (which failed with the
    // database), within 5 minutes of the outage.
    const stopped = lost.filter((b) => b.startedAt !== null);
    expect(stopped.length).toBeGreaterThan(0);
    // source.stage sends each batch once its files are staged, so the outage can also meet the
    // staging of later batches: those never started, and are lost for that reason.
    for (const batch of lost) {
      expect(batch.error).toMatch(
        batch.startedAt === null
          ? /fetching its contents stopped without reporting \(no sign of life for 4 min\)/
          : /its run stopped without reporting \(no sign of life for 4 min\)/,
      );
      expect(batch.finishedAt!.getTime() - outageAt).toBeLessThanOrEqual(5 * 60_000);
    }
    const failed = await h.database.db.select().from(schema.syncJobFiles).where(eq(schema.syncJobFiles.jobId, job.id));
    expect(
      failed
        .filter((f) => f.outcome === "failed")
        .map((f) => f.path)
        .sort(),
    ).toEqual(lost.flatMap((b) => b.files.map((f) => f.path)).sort());
    expect(job.filesFailed).toBe(lost.reduce((n, b) => n + b.files.length, 0));
    // The source is free again: the next sync runs at once and converges.
    await h.sync(sourceId);
    expect((await jobsOf(sourceId)).at(-1)).toMatchObject({ status: "succeeded" });
    await expectAtHead(repo, sourceId);
    await repo.remove();
  }, 120_000);

  it("clears staged contents when a job ends, and sweeps those of jobs that died", async () => {
    const repo = await seededRepo(25);
    const sourceId = await h.connect(localSpec(repo, "staging"));
    const staged = async () => (await h.database.db.select({ jobId: schema.blobStaging.jobId }).from(schema.blobStaging)).length;
    expect(await staged()).toBe(0);

    // A job that died with contents staged (its process was killed): rows remain until a sweep.
    const [dead] = await h.database.db
      .insert(schema.syncJobs)
      .values({ sourceId, trigger: "manual", status: "superseded", error: "the process running it stopped" })
      .returning();
    await h.database.db.insert(schema.blobStaging).values({ jobId: dead!.id, sha: "f".repeat(40), content: new Uint8Array([1, 2, 3]), bytes: 3 });
    const [live] = await h.database.db.insert(schema.syncJobs).values({ sourceId, trigger: "manual", status: "running" }).returning();
    await h.database.db.insert(schema.blobStaging).values({ jobId: live!.id, sha: "e".repeat(40), content: new Uint8Array([4]), bytes: 1 });
    expect(await sweepStaging(h.database.db)).toBe(1);
    expect((await h.database.db.select().from(schema.blobStaging)).map((r) => r.jobId)).toEqual([live!.id]);
    await h.database.db.update(schema.syncJobs).set({ status: "failed" }).where(eq(schema.syncJobs.id, live!.id));
    // The next job of the source clears what the source's ended jobs left, before it stages its own.
    await repo.writeFile("src/unit0.ts", moduleText(0, 2));
    await repo.commit("edit");
    await h.sync(sourceId);
    expect(await staged()).toBe(0);
    await repo.remove();
  }, 120_000);

  it("waits for a live holder instead of overlapping it, and takes over one silent past its lease", async () => {
    const repo = await seededRepo(5);
    const sourceId = await h.connect(localSpec(repo, "held"));
    // A holder that is alive (its lease runs for another 10 minutes).
    const [holder] = await h.database.db.insert(schema.syncJobs).values({ sourceId, trigger: "manual", status: "running" }).returning();
    await h.database.db
      .update(schema.sources)
      .set({ leaseHolder: holder!.id, leaseExpiresAt: new Date(now() + DEFAULT_TIMING.leaseTtlMs) })
      .where(eq(schema.sources.id, sourceId));
    await repo.writeFile("src/unit1.ts", moduleText(1, 3));
    await repo.commit("edit");
    const before = (await jobsOf(sourceId)).length;
    const { requestId } = await import("../sync/requests").then((m) => m.queueSyncRequest(h.database.db, { sourceId, commit: null, trigger: "manual" }));
    await h.inngest.send((await import("../events")).syncRequested.create({ sourceId, requestId, commit: null, trigger: "manual" }));
    await h.local.waitForIdle();
    expect((await jobsOf(sourceId)).length).toBe(before);
    // The holder never renews: at its lease's expiry the waiting run takes over and syncs the head.
    await h.local.runUntilIdle();
    const history = await jobsOf(sourceId);
    expect(history.find((j) => j.id === holder!.id)).toMatchObject({ status: "superseded", error: expect.stringMatching(/no sign of life/) });
    expect(history.at(-1)).toMatchObject({ status: "succeeded", targetCommit: await repo.head() });
    await expectAtHead(repo, sourceId);
    await repo.remove();
  }, 120_000);
});
