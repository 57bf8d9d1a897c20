import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { PriorityGate } from "./client/priority-gate";
import type * as schema from "./schema";

export type Schema = typeof schema;

/**
 * The one drizzle type for both drivers. postgres-js and PGlite databases both extend PgDatabase;
 * they differ only in the raw result of `db.execute()` (a row array vs `{ rows }`), which is why
 * the result kind stays generic here — use `queryRows()` for raw SQL.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** What a `db.transaction(async (tx) => …)` callback receives. */
export type DbTransaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Anything that can run queries: the database or an open transaction. */
export type DbExecutor = Db | DbTransaction;

export type DbKind = "postgres" | "pglite";

export interface Database {
  db: Db;
  kind: DbKind;
  /** PGlite's access queue (one connection): interactive operations go before background ones. */
  gate?: PriorityGate;
  /** Closes the pool or the PGlite instance (and releases its data directory). */
  close(): Promise<void>;
}
