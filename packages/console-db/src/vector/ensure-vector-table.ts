import { TributaryError } from "@repo/console-types";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbTransaction } from "../db-types";
import { queryRows } from "../query-rows";
import { distanceOperand, indexOperatorClass } from "./distance";

// One key for every store: creating the extension and tables is rare and fast, so serializing
// all of them is simpler than reasoning about which DDL can race with which.
const ENSURE_LOCK_KEY = 7_311_024_002;

export class PgVectorUnavailableError extends Error {
  readonly code = "pgvector-unavailable";
  readonly retryable = false;
  constructor(cause: unknown) {
    super(
      "This Postgres server has no pgvector extension (CREATE EXTENSION vector failed). Install " +
        "pgvector on the server, use the embedded PGlite database, or choose the Pinecone backend.",
      { cause },
    );
    this.name = "PgVectorUnavailableError";
  }
}

/**
 * Creates the extension, the store's table and its source index if missing. Idempotent;
 * concurrent callers serialize on an advisory lock (plain IF NOT EXISTS DDL can still collide in
 * pg_type). The HNSW index is not created here: see ensureHnswIndex.
 */
export async function ensureVectorTable(db: Db, table: string, dimensions: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ENSURE_LOCK_KEY})`);
    const [installed] = await queryRows(tx, sql`select 1 from pg_extension where extname = 'vector'`);
    if (!installed) {
      const [available] = await queryRows(tx, sql`select 1 from pg_available_extensions where name = 'vector'`);
      if (!available) throw new PgVectorUnavailableError(undefined);
      await tx.execute(sql`create extension if not exists vector`);
    }
    const t = sql.identifier(table);
    // COLLATE "C" makes the primary key's btree usable for `id LIKE 'prefix%'` listings.
    await tx.execute(sql`create table if not exists ${t} (
      id text collate "C" primary key,
      source_id text not null,
      embedding vector(${sql.raw(String(dimensions))}) not null,
      metadata jsonb not null
    )`);
    await assertDimensions(tx, table, dimensions);
    await tx.execute(sql`create index if not exists ${sql.identifier(`${table}_source_idx`)} on ${t} (source_id)`);
  });
}

/**
 * Builds the HNSW index once the table holds at least `minRows` vectors; returns whether it
 * exists afterwards. Below that size an exact scan answers a query in tens of milliseconds, and
 * inserting row by row into an HNSW graph is what made a first sync slow (in PGlite ~40 vectors/s
 * against ~300/s without the index, measured by src/vector/hnsw-probe.bench.ts), so the graph is
 * built in one pass from the loaded rows instead. Queries are exact until then, approximate after.
 */
export async function ensureHnswIndex(db: Db, table: string, dimensions: number, minRows: number): Promise<boolean> {
  const operatorClass = indexOperatorClass(dimensions);
  if (!operatorClass) return false;
  const name = `${table}_embedding_hnsw`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ENSURE_LOCK_KEY})`);
    const [exists] = await queryRows(tx, sql`select 1 from pg_indexes where indexname = ${name}`);
    if (exists) return true;
    const t = sql.identifier(table);
    const [enough] = await queryRows(tx, sql`select 1 from ${t} offset ${Math.max(0, minRows - 1)} limit 1`);
    if (!enough) return false;
    // The one-pass build is fast only while the graph fits in maintenance_work_mem; past that
    // pgvector goes on building on disk, many times slower. The default 64 MB holds roughly
    // 30,000 384-dimension vectors (~2 KB each with their neighbour lists); 1 GB, ~500,000.
    // It is a ceiling, not an allocation, and lasts for this transaction only.
    await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
    await tx.execute(sql`create index if not exists ${sql.identifier(name)} on ${t} using hnsw ((${distanceOperand(dimensions)}) ${sql.raw(operatorClass)})`);
    return true;
  });
}

async function assertDimensions(tx: DbTransaction, table: string, dimensions: number) {
  const [row] = await queryRows(
    tx,
    sql`select format_type(atttypid, atttypmod) as type from pg_attribute
        where attrelid = ${table}::regclass and attname = 'embedding'`,
  );
  const type = z.object({ type: z.string() }).parse(row).type;
  if (type !== `vector(${dimensions})`) {
    throw new TributaryError({
      code: "dimension-mismatch",
      retryable: false,
      message: `Vector table ${table} holds ${type}, not vector(${dimensions}): the store's dimensions changed (not retryable)`,
    });
  }
}
