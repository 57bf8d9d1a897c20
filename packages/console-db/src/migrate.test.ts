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

  it("keeps every relationship edge when 0010 makes the edge its primary key, and refuses a duplicate edge after", async () => {
    const handle = await createDb({ memory: true });
    try {
      const edgeKey = bundledMigrations.findIndex((m) => m.statements.some((s) => s.includes("relationships_edge_pk")));
      expect(edgeKey).toBeGreaterThan(0);
      await migrate(handle.db, bundledMigrations.slice(0, edgeKey));
      await handle.db.execute(sql`insert into workspaces (id, slug, name) values ('ws_1', 'default', 'Default')`);
      await handle.db.execute(sql`insert into stores (id, workspace_id, name, embedding_provider, embedding_model, embedding_dimensions, vector_backend)
        values ('st_1', 'ws_1', 'default', 'local', 'm', 384, 'pgvector')`);
      await handle.db.execute(sql`insert into sources (id, workspace_id, store_id, provider, external_id, full_name, name, location, branch)
        values ('src_1', 'ws_1', 'st_1', 'local', '/repo', 'repo', 'repo', '/repo', 'main')`);
      await handle.db.execute(sql`insert into relationships (id, source_id, from_path, from_blob_sha, kind, target)
        select 'rel_' || n, 'src_1', 'src/f' || (n % 50) || '.ts', 'sha' || n, case when n % 2 = 0 then 'import' else 'link' end, 'target/' || n
        from generate_series(1, 500) as n`);
      const before = await queryRows(handle.db, sql`select source_id, from_path, from_blob_sha, kind, target from relationships order by target`);

      expect(await migrate(handle.db)).toEqual({ applied: bundledMigrations.length - edgeKey });
      expect(await queryRows(handle.db, sql`select source_id, from_path, from_blob_sha, kind, target from relationships order by target`)).toEqual(before);
      const [pk] = await queryRows(
        handle.db,
        sql`select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'relationships'::regclass and contype = 'p'`,
      );
      expect(pk?.def).toBe("PRIMARY KEY (source_id, from_path, kind, target)");
      await expect(
        handle.db.execute(
          sql`insert into relationships (source_id, from_path, from_blob_sha, kind, target) values ('src_1', 'src/f1.ts', 'other', 'link', 'target/1')`,
        ),
      ).rejects.toThrow();
    } finally {
      await handle.close();
    }
  });
});
