import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledMigrations, createDb, migrate, queryRows } from "@repo/console-db";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { runJson, runTributary } from "./run-tributary";

// search and status open the database on a light path (no executor, no workflows, a store found
// by one read); it must still bring a schema that is behind up to date before reading it.
describe("read-only commands on a database whose schema is behind", () => {
  let dataDir: string;
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function dataDirMigratedUpTo(count: number): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "tributary-read-path-"));
    const database = await createDb({ dataDir: dir });
    try {
      expect(await migrate(database.db, bundledMigrations.slice(0, count))).toEqual({ applied: count });
    } finally {
      await database.close();
    }
    return dir;
  }

  async function appliedMigrations(dir: string): Promise<number> {
    const database = await createDb({ dataDir: dir });
    try {
      const [row] = await queryRows(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      return Number(row?.n);
    } finally {
      await database.close();
    }
  }

  it("search migrates it, then answers", async () => {
    dataDir = await dataDirMigratedUpTo(bundledMigrations.length - 1);
    const result = await runTributary(["search", "anything", "--data-dir", dataDir]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("nothing indexed yet");
    expect(await appliedMigrations(dataDir)).toBe(bundledMigrations.length);
  }, 120_000);

  it("status migrates it, then reports the store", async () => {
    dataDir = await dataDirMigratedUpTo(bundledMigrations.length - 1);
    const status = (await runJson(["status", "--data-dir", dataDir])) as { store: { name: string }; sources: unknown[] };
    expect(status.store.name).toMatch(/^local-/);
    expect(status.sources).toEqual([]);
    expect(await appliedMigrations(dataDir)).toBe(bundledMigrations.length);
  }, 120_000);
});

// A data directory nothing was synced to: the read-only commands say so and create no database.
describe("read-only commands on a data directory never synced", () => {
  let parent: string;
  afterEach(async () => {
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it("status and search say nothing is synced, exit 0, and leave no database behind", async () => {
    parent = await mkdtemp(join(tmpdir(), "tributary-never-synced-"));
    const dataDir = join(parent, "data");
    const status = await runTributary(["status", "--data-dir", dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("nothing synced yet");
    expect(await runJson(["status", "--data-dir", dataDir])).toEqual({ database: dataDir, store: null, sources: [] });
    const search = await runTributary(["search", "anything", "--data-dir", dataDir]);
    expect(search.code).toBe(0);
    expect(search.stdout).toContain("nothing indexed yet");
    expect(await runJson(["search", "anything", "--data-dir", dataDir])).toEqual({ results: [] });
    // An unknown --source is the usual usage answer (exit 3), still without a database.
    expect((await runTributary(["search", "anything", "--source", "widgets", "--data-dir", dataDir])).code).toBe(3);
    expect(await readdir(parent)).toEqual([]);
  }, 120_000);
});
