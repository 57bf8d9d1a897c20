import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./db-types";
import type { BundledMigration } from "./migrations/bundled-migration";
import { bundledMigrations } from "./migrations/bundle.generated";
import { queryRows } from "./query-rows";

// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK_KEY = 7_311_024_001;

export interface MigrateResult {
  /** How many migrations this call applied (0 when the database was already current). */
  applied: number;
}

/**
 * Applies drizzle-kit's migrations on either driver, bookkept in drizzle.__drizzle_migrations
 * exactly as drizzle's own migrators do (so `drizzle-kit migrate` agrees with it). Unlike them it
 * runs in one transaction under an advisory lock, so concurrent callers apply each migration once.
 */
export async function migrate(db: Db, migrations: readonly BundledMigration[] = bundledMigrations): Promise<MigrateResult> {
  // Every CLI command starts here: when the newest migration is applied already, one read answers
  // (no lock, no DDL, no transaction). Anything else — a new database, an older schema — takes
  // the locked path below, which re-checks under the lock.
  if (await appliedUpTo(db, migrations)) return { applied: 0 };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
    const [last] = await queryRows(tx, sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    const lastAppliedAt = last ? z.coerce.number().parse(last.created_at) : -1;

    let applied = 0;
    for (const migration of migrations) {
      if (migration.when <= lastAppliedAt) continue;
      for (const statement of migration.statements) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.when})`);
      applied += 1;
    }
    return { applied };
  });
}

async function appliedUpTo(db: Db, migrations: readonly BundledMigration[]): Promise<boolean> {
  const newest = Math.max(-1, ...migrations.map((m) => m.when));
  const [row] = await queryRows(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (row?.present !== true) return false;
  const [last] = await queryRows(db, sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`);
  return last?.created_at != null && z.coerce.number().parse(last.created_at) >= newest;
}
