import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, queryRows } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTributary } from "./run-tributary";

// A re-sync that finds nothing changed is answered without starting the runtime (sync/unchanged.ts);
// anything a full sync would act on must still get the full sync.
describe("sync of an unchanged local repository", () => {
  let repo: TestRepo;
  let dataDir: string;
  const UP_TO_DATE = /up to date: .* nothing changed since the last sync/;

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.writeFiles({ "src/a.ts": "export const alpha = 1;\n", "README.md": "# widgets\n\nA small repository.\n" });
    await repo.commit("first");
    dataDir = await mkdtemp(join(tmpdir(), "tributary-unchanged-"));
  });
  afterAll(async () => {
    await repo?.remove();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (dataDir) await rm(stagesFile(), { force: true });
  });
  const stagesFile = () => join(dataDir, "..", `${dataDir.split("/").pop()}-stages.json`);

  const sync = async (env: Record<string, string> = {}) => {
    const result = await runTributary(["sync", repo.dir, "--data-dir", dataDir, "--json"], { env });
    expect(result.code, result.stderr).toBe(0);
    return { fast: UP_TO_DATE.test(result.stderr), summary: JSON.parse(result.stdout) as { status: string; commit: string; files: Record<string, unknown> } };
  };
  async function withDb<T>(fn: (db: Awaited<ReturnType<typeof createDb>>["db"]) => Promise<T>): Promise<T> {
    const database = await createDb({ dataDir });
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  }
  const jobs = () => withDb((db) => queryRows(db, sql`select status, trigger, target_commit, files_seen, files_unchanged from sync_jobs order by created_at`));

  it("records the no-change sync as the full sync does, without running it", async () => {
    const first = await sync();
    expect(first.fast).toBe(false);
    // The reference: a full no-change sync (stage timings need the runtime, so they turn the fast path off).
    const again = await sync({ TRIBUTARY_STAGE_TIMINGS: stagesFile() });
    expect(again.fast).toBe(false);
    const third = await sync();
    expect(third.fast).toBe(true);
    expect(third.summary).toMatchObject({ status: "succeeded", commit: first.summary.commit, files: again.summary.files });
    const rows = await jobs();
    expect(rows).toHaveLength(3);
    // Same job row as the full no-change sync, apart from ids and times.
    expect(rows[2]).toEqual(rows[1]);
    const status = await runTributary(["status", "--data-dir", dataDir, "--json"]);
    const report = JSON.parse(status.stdout) as { sources: Array<{ lastJob: { status: string; commit: string } }> };
    expect(report.sources[0]?.lastJob).toMatchObject({ status: "succeeded", commit: first.summary.commit });
  }, 300_000);

  it("runs the full sync after a commit", async () => {
    await repo.writeFiles({ "src/b.ts": "export const beta = 2;\n" });
    await repo.commit("second");
    const result = await sync();
    expect(result.fast).toBe(false);
    expect(result.summary.files).toMatchObject({ indexed: 1 });
    expect((await sync()).fast).toBe(true);
  }, 300_000);

  it("runs the full sync when the stored config differs from the one at the head (e.g. new defaults)", async () => {
    await withDb((db) => db.execute(sql`update sources set config = jsonb_set(config, '{maxFileBytes}', '12345')`));
    expect((await sync()).fast).toBe(false);
    expect((await sync()).fast).toBe(true);
  }, 300_000);

  it("runs the full sync when the source needs a reconcile, a request is pending or the last job did not succeed", async () => {
    await withDb((db) => db.execute(sql`update sources set needs_reconcile = true`));
    expect((await sync()).fast).toBe(false);
    await withDb((db) => db.execute(sql`insert into sync_requests (id, source_id, trigger) select 'sreq_test_pending', id, 'schedule' from sources`));
    expect((await sync()).fast).toBe(false);
    await withDb((db) => db.execute(sql`update sync_jobs set status = 'partial' where id = (select id from sync_jobs order by created_at desc limit 1)`));
    expect((await sync()).fast).toBe(false);
    expect((await sync()).fast).toBe(true);
  }, 300_000);

  it("reads a tributary.yml at the head (its parser loads only then): the same config answers, another runs the full sync", async () => {
    await repo.writeFiles({ "tributary.yml": "version: 1\nexclude:\n  - docs/**\n" });
    await repo.commit("config");
    expect((await sync()).fast).toBe(false);
    expect((await sync()).fast).toBe(true);
    // The stored config no longer matches the file (as if the file had changed since): full sync.
    await withDb((db) => db.execute(sql`update sources set config = jsonb_set(config, '{exclude}', '[]')`));
    expect((await sync()).fast).toBe(false);
    expect((await sync()).fast).toBe(true);
  }, 300_000);
});
