import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client/create-db";
import type { Database } from "./db-types";
import { migrate } from "./migrate";
import { bundledMigrations } from "./migrations/bundle.generated";
import { queryRows } from "./query-rows";
import { createTempPostgresDatabase, type TempPostgresDatabase } from "./testing/temp-postgres";

const EXPECTED_TABLES = [
  "activities",
  "alerts",
  "auth_verifications",
  "blob_staging",
  "dead_letters",
  "documents",
  "embedding_cache",
  "lexical_chunks",
  "lexical_terms",
  "relationships",
  "source_credentials",
  "sources",
  "stores",
  "sync_batches",
  "sync_job_files",
  "sync_job_runs",
  "sync_jobs",
  "sync_requests",
  "user_accounts",
  "user_sessions",
  "users",
  "webhook_deliveries",
  "webhook_signature_failures",
  "workspace_members",
  "workspaces",
];

async function publicTables(handle: Database): Promise<string[]> {
  const rows = await queryRows(handle.db, sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
  return rows.map((row) => String(row.table_name));
}

async function hasVectorExtension(handle: Database): Promise<boolean> {
  return (await queryRows(handle.db, sql`select 1 from pg_extension where extname = 'vector'`)).length > 0;
}

describe("migrate", () => {
  it("embeds exactly what drizzle-kit generated (run `pnpm db:generate` if this fails)", () => {
    const folder = fileURLToPath(new URL("../drizzle", import.meta.url));
    const fromDisk = readMigrationFiles({ migrationsFolder: folder });
    expect(bundledMigrations.map((m) => ({ when: m.when, hash: m.hash, statements: m.statements }))).toEqual(
      fromDisk.map((m) => ({ when: m.folderMillis, hash: m.hash, statements: m.sql })),
    );
  });

  describe("on the real Postgres server", () => {
    const temps: TempPostgresDatabase[] = [];
    afterAll(async () => {
      for (const temp of temps) await temp.drop();
    });

    it("creates every table from empty, without pgvector, and is idempotent", async () => {
      const temp = await createTempPostgresDatabase();
      temps.push(temp);
      const handle = await createDb({ url: temp.url });
      try {
        expect(await publicTables(handle)).toEqual([]);
        expect(await migrate(handle.db)).toEqual({ applied: bundledMigrations.length });
        expect(await publicTables(handle)).toEqual(EXPECTED_TABLES);
        expect(await hasVectorExtension(handle)).toBe(false);
        expect(await migrate(handle.db)).toEqual({ applied: 0 });
        const recorded = await queryRows(handle.db, sql`select hash from drizzle.__drizzle_migrations`);
        expect(recorded.map((row) => row.hash)).toEqual(bundledMigrations.map((m) => m.hash));
      } finally {
        await handle.close();
      }
    });

    it("applies each migration once when several processes migrate at the same time", async () => {
      const temp = await createTempPostgresDatabase();
      temps.push(temp);
      const handles = await Promise.all([1, 2, 3].map(() => createDb({ url: temp.url, maxConnections: 2 })));
      try {
        const results = await Promise.all(handles.map((handle) => migrate(handle.db)));
        expect(results.reduce((sum, r) => sum + r.applied, 0)).toBe(bundledMigrations.length);
        expect(await publicTables(handles[0]!)).toEqual(EXPECTED_TABLES);
      } finally {
        await Promise.all(handles.map((handle) => handle.close()));
      }
    });
  });

  it("creates every table in PGlite and is idempotent", async () => {
    const handle = await createDb({ memory: true });
    try {
      expect(handle.kind).toBe("pglite");
      expect(await migrate(handle.db)).toEqual({ applied: bundledMigrations.length });
      expect(await migrate(handle.db)).toEqual({ applied: 0 });
      expect(await publicTables(handle)).toEqual(EXPECTED_TABLES);
    } finally {
      await handle.close();
    }
  });
});
