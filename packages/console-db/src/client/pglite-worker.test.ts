import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../db-types";
import { migrate } from "../migrate";
import { queryRows } from "../query-rows";
import { workspaces } from "../schema";
import { createDb } from "./create-db";
import { DataDirInUseError } from "./data-dir-lock";

const dataDir = mkdtempSync(join(tmpdir(), "tributary-pglite-worker-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// A statement that keeps PGlite's WASM busy for a while: ~0.7 s on a fast idle 2-core machine
// (a million rows took 187 ms there, under the 200 ms the test needs to see timers fire).
const LONG_STATEMENT = sql`select count(*) as n from generate_series(1, 4000000) g where g % 7 = 3`;

/** The longest gap between 5 ms timers while `work` runs: how long this thread's event loop was blocked. */
async function longestTimerGap(work: () => Promise<unknown>): Promise<{ gapMs: number; workMs: number }> {
  let gapMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  let workMs = 0;
  try {
    await work();
    workMs = performance.now() - started;
    // The tick after the work counts too: a blocked loop fires no timer until the work is done.
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    clearInterval(timer);
  }
  return { gapMs, workMs };
}

async function withDb<T>(database: Database, use: (database: Database) => Promise<T>, { migrated = true } = {}): Promise<T> {
  try {
    if (migrated) await migrate(database.db);
    return await use(database);
  } finally {
    await database.close();
  }
}

describe("PGlite on a worker thread", () => {
  it("keeps this thread's event loop responsive while a long statement runs (in-process PGlite blocks it)", async () => {
    const measure = (d: Database) => longestTimerGap(() => d.db.execute(LONG_STATEMENT));
    // One data directory for every test: initdb costs seconds (a minute on a loaded machine), reopening does not.
    const inProcess = await withDb(await createDb({ dataDir }), measure, { migrated: false });
    const inWorker = await withDb(await createDb({ dataDir, worker: true }), measure, { migrated: false });
    // In-process, the statement's whole run is one blocked stretch of the event loop.
    expect(inProcess.gapMs).toBeGreaterThan(inProcess.workMs * 0.8);
    // On the worker, timers keep firing; the bound leaves room for a loaded machine's scheduling.
    expect(inWorker.workMs).toBeGreaterThan(200);
    expect(inWorker.gapMs).toBeLessThan(Math.min(150, inWorker.workMs / 2));
  }, 300_000);

  it("answers as in-process PGlite does: rows, bytea, commit, rollback, errors with their codes", async () => {
    await withDb(await createDb({ dataDir, worker: true }), async ({ db }) => {
      await db.insert(workspaces).values({ id: "ws_a", slug: "a", name: "A" });
      const [bytes] = await queryRows(db, sql`select ${new Uint8Array([0, 1, 254, 255])}::bytea as b, now() as t`);
      expect(bytes?.b).toEqual(new Uint8Array([0, 1, 254, 255]));

      await db.transaction(async (tx) => {
        await tx.update(workspaces).set({ name: "A2" }).where(eq(workspaces.id, "ws_a"));
        await tx.insert(workspaces).values({ id: "ws_b", slug: "b", name: "B" });
      });
      const rolledBack = await db
        .transaction(async (tx) => {
          await tx.insert(workspaces).values({ id: "ws_c", slug: "c", name: "C" });
          throw new Error("no");
        })
        .catch((e: unknown) => (e as Error).message);
      expect(rolledBack).toBe("no");
      const duplicate = await db
        .insert(workspaces)
        .values({ id: "ws_a", slug: "a", name: "again" })
        .catch((e: unknown) => e as Error & { cause?: { code?: string } });
      expect(duplicate).toBeInstanceOf(Error);
      expect((duplicate as { cause?: { code?: string } }).cause?.code).toBe("23505");

      const rows = await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).orderBy(workspaces.id);
      expect(rows.filter((r) => r.id.startsWith("ws_"))).toEqual([
        { id: "ws_a", name: "A2" },
        { id: "ws_b", name: "B" },
      ]);
    });
  });

  it("owns its data directory like in-process PGlite: a second open is refused, the data persists", async () => {
    const first = await createDb({ dataDir, worker: true });
    try {
      await expect(createDb({ dataDir, worker: true })).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(createDb({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await first.close();
    }
    await withDb(await createDb({ dataDir }), async ({ db }) => {
      expect((await db.select().from(workspaces).where(eq(workspaces.id, "ws_b"))).map((r) => r.name)).toEqual(["B"]);
    });
  });
});
