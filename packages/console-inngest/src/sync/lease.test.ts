import { schema } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";
import { keepAlive } from "./lease";
import { findLostBatches } from "./liveness";

describe("keepAlive", { timeout: 300_000 }, () => {
  let h: Harness;
  let repo: TestRepo;
  let sourceId: string;

  beforeAll(async () => {
    h = await createHarness();
    repo = await TestRepo.create();
    await repo.writeFiles({ "a.ts": "export const a = 1;\n" });
    await repo.commit("initial");
    sourceId = await h.connect(localSourceSpec(repo.dir));
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await repo?.remove();
  });

  it("keeps a long step's batch alive within the batch silence limit, not only the lease", async () => {
    const { db } = h.database;
    const job = await h.lastJob(sourceId);
    const [batch] = await db.select().from(schema.syncBatches).where(eq(schema.syncBatches.jobId, job.id));
    // The job holds its source again, with its batch running and last heard of long ago.
    const longAgo = new Date(Date.now() - 60 * 60_000);
    await db
      .update(schema.sources)
      .set({ leaseHolder: job.id, leaseExpiresAt: new Date(Date.now() + 60 * 60_000) })
      .where(eq(schema.sources.id, sourceId));
    await db.update(schema.syncBatches).set({ status: "running", startedAt: longAgo, heartbeatAt: longAgo }).where(eq(schema.syncBatches.id, batch!.id));

    const timing = { leaseTtlMs: 10 * 60_000, batchSilenceMs: 2_000 };
    await keepAlive({ db, timing }, job.id, { batchId: batch!.id }, () => new Promise((resolve) => setTimeout(resolve, 3_500)));
    // The orchestrator's check at the end of the stall finds the batch alive.
    expect(await findLostBatches(db, job.id, new Date(), timing.batchSilenceMs)).toEqual([]);
  });
});
