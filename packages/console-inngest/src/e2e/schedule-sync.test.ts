import { createPgVectorStore, schema } from "@repo/console-db";
import type { VirtualClock } from "@repo/inngest-local";
import { TestRepo } from "@repo/testing/github";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncDeps } from "../runtime/create-deps";
import { searchIndex } from "../runtime/search";
import type { SyncDeps } from "../sync/deps";
import { connectSource } from "../sync/catalog";
import { CONNECT_GRACE_MS, scheduleOf } from "../sync/schedule";
import { expectedVectorIds, filesAt } from "../testing/ground-truth";
import { startProductionFakes, type ProductionFakes } from "../testing/production-fakes";
import { stallGate } from "../testing/schedules";

const REPO_ID = 6161;
const LOST_REPO_ID = 6162;
const TICK_MS = 5 * 60_000;

// schedule.sync's cron and due-source query run for real on inngest-local's virtual clock.
describe("per-source schedules under the virtual clock", () => {
  let f: ProductionFakes;
  let repo: TestRepo;
  let lostRepo: TestRepo;
  let sourceId: string;
  const gate = stallGate();
  const db = () => f.harness.database.db;
  const clock = () => f.harness.local.clock as VirtualClock;
  const source = async () => (await db().select().from(schema.sources).where(eq(schema.sources.id, sourceId)))[0]!;
  const jobs = async () => db().select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(asc(schema.syncJobs.createdAt));
  const scheduleRequests = async () =>
    (await db().select().from(schema.syncRequests).where(eq(schema.syncRequests.sourceId, sourceId))).filter((r) => r.trigger === "schedule");
  const tickAtOrAfter = (ms: number) => Math.ceil(ms / TICK_MS) * TICK_MS;
  const advanceTo = (at: number) => f.harness.local.advanceTime(at - clock().now());
  const expectIndexAtHead = async () => {
    const head = await repo.head();
    const documents = await db().select({ path: schema.documents.path }).from(schema.documents).where(eq(schema.documents.sourceId, sourceId));
    expect(documents.map((d) => d.path).sort()).toEqual(filesAt(repo.dir, head).sort());
    const stored = new Set(await createPgVectorStore({ db: db(), storeId: f.harness.storeId, dimensions: 384 }).listIds(""));
    expect(stored).toEqual(await expectedVectorIds(repo.dir, head, sourceId, filesAt(repo.dir, head)));
    expect((await source()).syncedCommit).toBe(head);
  };

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.writeFiles({ "README.md": "# Tides\n", "src/a.ts": "export const a = 1;\n" });
    await repo.commit("initial");
    lostRepo = await TestRepo.create();
    await lostRepo.writeFiles({ "README.md": "# Lagoon\n", "docs/tides.md": "# Tides\n\nThe lagoon drains at low water.\n" });
    await lostRepo.commit("initial");
    const wrapDeps = (deps: SyncDeps): SyncDeps => ({ ...deps, vectorStore: (store) => gate.wrap(deps.vectorStore(store)) });
    // Lease and batch silence longer than the stalled stretch below: the sync must look alive to the ticks.
    f = await startProductionFakes(
      [
        { repo, id: REPO_ID, name: "tides" },
        { repo: lostRepo, id: LOST_REPO_ID, name: "lagoon" },
      ],
      "local+pgvector",
      {
        wrapDeps,
        runtime: { timing: { leaseTtlMs: 30 * 60_000, batchSilenceMs: 30 * 60_000 } },
      },
    );
    sourceId = await f.harness.connect({
      provider: "github",
      externalId: String(REPO_ID),
      fullName: "acme/tides",
      owner: "acme",
      name: "tides",
      location: "https://github.com/acme/tides",
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 5,
    });
    f.harness.local.enableCrons();
  }, 120_000);
  afterAll(async () => {
    await f?.close();
    await repo?.remove();
    await lostRepo?.remove();
  });

  it("checks an unmoved head with one GitHub request and starts no job", async () => {
    const due = scheduleOf(await source()).nextRunAt!;
    expect(due.getTime() - (await source()).syncedAt!.getTime()).toBeLessThanOrEqual(TICK_MS);
    f.github.resetCounters();
    const firstTick = tickAtOrAfter(due.getTime());
    await advanceTo(firstTick - 1);
    expect(f.github.countApi()).toBe(0);
    await advanceTo(firstTick);
    expect(f.github.countApi()).toBe(1);
    expect(await jobs()).toHaveLength(1);
    expect(await scheduleRequests()).toEqual([]);
    expect((await source()).scheduleCheckedAt?.getTime()).toBe(firstTick);
  }, 60_000);

  it("indexes a commit whose webhook never arrived on the next tick, on time for a 5-minute interval", async () => {
    await repo.writeFiles({ "docs/missed.md": "# Quokka harbour\n\nThe zanzibar quokka ferry leaves at dawn.\n" });
    await repo.commit("pushed, but GitHub never delivered the webhook");
    const checkedAt = (await source()).scheduleCheckedAt!.getTime();
    await advanceTo(checkedAt + TICK_MS - 1);
    expect(await jobs()).toHaveLength(1);
    await advanceTo(checkedAt + TICK_MS);
    const all = await jobs();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ trigger: "schedule", status: "succeeded" });
    expect(all[1]!.startedAt!.getTime()).toBe(checkedAt + TICK_MS);
    await expectIndexAtHead();
    const [store] = await db().select().from(schema.stores).where(eq(schema.stores.id, f.harness.storeId));
    const hits = await searchIndex(createSyncDeps({ db: db(), embedding: { provider: "local" } }), store!, "zanzibar quokka ferry");
    expect(hits[0]?.path).toBe("docs/missed.md");
  }, 60_000);

  it("never overlaps a running sync: ticks during a sync queue nothing, jobs run one after another", async () => {
    await repo.writeFiles({ "src/b.ts": "export const b = 2;\n" });
    await repo.commit("another missed push");
    const stalled = gate.stallNextUpsert();
    const requestsBefore = (await scheduleRequests()).length;
    const firstTick = tickAtOrAfter(scheduleOf(await source()).nextRunAt!.getTime());
    // The executor stays busy while the upsert is stalled, so time is moved by hand, not advanceTime.
    clock().advanceTo(firstTick);
    await stalled.reached;
    expect((await scheduleRequests()).length).toBe(requestsBefore + 1);
    const ticksBefore = f.harness.local.runs().filter((r) => r.functionId.endsWith("schedule-sync")).length;
    for (const tick of [firstTick + TICK_MS, firstTick + 2 * TICK_MS]) {
      clock().advanceTo(tick);
      await waitUntil(
        () =>
          f.harness.local.runs().filter((r) => r.functionId.endsWith("schedule-sync") && r.status === "completed").length >=
          ticksBefore + (tick - firstTick) / TICK_MS,
      );
    }
    expect((await scheduleRequests()).length).toBe(requestsBefore + 1);
    expect((await jobs()).map((j) => j.status)).toEqual(["succeeded", "succeeded", "running"]);

    stalled.release();
    await f.harness.local.runUntilIdle();
    const all = await jobs();
    for (let i = 1; i < all.length; i++) expect(all[i]!.startedAt!.getTime()).toBeGreaterThanOrEqual(all[i - 1]!.finishedAt!.getTime());
    expect(all.every((j) => j.status === "succeeded")).toBe(true);
    await expectIndexAtHead();
  }, 60_000);

  it("syncs a source whose connect event was lost on the first tick after the connect grace, and queues nothing before", async () => {
    const { source: lost } = await connectSource(db(), f.harness.workspaceId, f.harness.storeId, {
      provider: "github",
      externalId: String(LOST_REPO_ID),
      fullName: "acme/lagoon",
      owner: "acme",
      name: "lagoon",
      location: "https://github.com/acme/lagoon",
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 5,
    });
    // Created at the executor's time: the database's now() is wall time, which the virtual clock left behind.
    const createdAt = clock().now();
    await db()
      .update(schema.sources)
      .set({ createdAt: new Date(createdAt) })
      .where(eq(schema.sources.id, lost.id));
    const lostJobs = () => db().select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, lost.id));
    const lostRequests = () => db().select().from(schema.syncRequests).where(eq(schema.syncRequests.sourceId, lost.id));
    // At least one tick falls inside the grace, when the connect sync would be taking the source.
    expect(tickAtOrAfter(createdAt + 1)).toBeLessThan(createdAt + CONNECT_GRACE_MS);
    await advanceTo(createdAt + CONNECT_GRACE_MS - 1);
    expect(await lostRequests()).toEqual([]);
    expect(await lostJobs()).toEqual([]);
    const tick = tickAtOrAfter(createdAt + CONNECT_GRACE_MS);
    await advanceTo(tick);
    const [job, ...others] = await lostJobs();
    expect(others).toEqual([]);
    expect(job).toMatchObject({ trigger: "schedule", status: "succeeded", startedAt: new Date(tick) });
    const documents = await db().select({ path: schema.documents.path }).from(schema.documents).where(eq(schema.documents.sourceId, lost.id));
    expect(documents.map((d) => d.path).sort()).toEqual(filesAt(lostRepo.dir, await lostRepo.head()).sort());
  }, 60_000);
});

async function waitUntil(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
