import { schema, type Db } from "@repo/console-db";
import { openTestDatabase, seedWorkspaceStore, type TestDatabase } from "@repo/console-db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJobProgress } from "./job-progress";

const planned = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ path: `f${from + i}.ts`, sha: `s${from + i}`, action: "add" as const }));

describe("readJobProgress", () => {
  let handle: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    handle = await openTestDatabase("pglite-memory");
    db = handle.db;
  });
  afterAll(() => handle?.close());

  it("counts planned and finished files from each batch's file_count, and from its list where a batch has none", async () => {
    const { ws, store } = await seedWorkspaceStore(db);
    const [source] = await db
      .insert(schema.sources)
      .values({ workspaceId: ws.id, storeId: store.id, provider: "local", branch: "main", externalId: "/r", fullName: "r", name: "r", location: "/r" })
      .returning();
    const [job] = await db.insert(schema.syncJobs).values({ sourceId: source!.id, trigger: "cli", status: "running", batchesTotal: 3 }).returning();
    const jobId = job!.id;
    await db.insert(schema.syncBatches).values([
      { jobId, seq: 0, kind: "upsert", files: planned(4), fileCount: 4, status: "succeeded", chunksTotal: 9, chunksEmbedded: 7 },
      { jobId, seq: 1, kind: "upsert", files: planned(2, 4), fileCount: 2 },
      // Written before the column existed: counted from its list.
      { jobId, seq: 2, kind: "delete", files: planned(3, 6), status: "failed" },
    ]);
    expect(await readJobProgress(db, jobId)).toMatchObject({ status: "running", planned: 9, done: 7, chunked: 9, embedded: 7, batches_total: 3 });
    // file_count is what is summed where present (the list is not unpacked).
    await db.update(schema.syncBatches).set({ files: [] });
    expect(await readJobProgress(db, jobId)).toMatchObject({ planned: 6, done: 4 });
  });
});
