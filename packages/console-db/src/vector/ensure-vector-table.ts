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
export async function ensureVectorTable(db: Db, table: string, dimensions: number, exactScanMaxRows: number): Promise<void> {
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
    await rewriteToastedVectors(tx, table, exactScanMaxRows);
    await tx.execute(sql`create index if not exists ${sql.identifier(`${table}_source_idx`)} on ${t} (source_id)`);
  });
}

/**
 * Where each large column of a vector table is stored; setColumnStorage keeps tables to it.
 *
 * embedding MAIN: pgvector declares its type with STORAGE external, so a row over ~2 KB (a
 * 384-dimension vector is 1.5 KB, its metadata with the snippet ~0.7 KB) had its vector moved to
 * the TOAST table, and an exact scan paid a TOAST index lookup per row — twice when a query
 * computes the distance twice (3,000 files, 20,000 chunks: ~0.8–1.6 s per scan against ~0.2 s
 * inline). With storage MAIN the toaster moves the metadata out of line instead and the vectors
 * stay in the row.
 *
 * metadata EXTERNAL: it leaves the row whenever the row passes ~2 KB, which a 384-dimension row
 * always does. With the default storage (EXTENDED) Postgres first tried pglz on it, in PGlite on
 * the thread that writes, and then moved it out of line anyway; EXTERNAL moves it without the
 * attempt: rewriting the 20,069 rows of a 3,000-file repository took 435-459 ms against 523-603
 * ms, for 3 MB more (one PGlite, alternated). Only the few rows a search returns read it.
 */
const VECTOR_TABLE_STORAGE = { embedding: "main", metadata: "external" } as const;

/** attstorage's letter for each storage. */
const STORAGE_CODE = { main: "m", external: "e" } as const;

/**
 * Sets the storage of `table`'s columns that differ from `wanted`, in one statement; returns the
 * columns changed. A catalog change only: rows already written keep their layout until rewritten
 * (rewriteToastedVectors).
 */
async function setColumnStorage(tx: DbTransaction, table: string, wanted: Readonly<Record<string, keyof typeof STORAGE_CODE>>): Promise<Set<string>> {
  const rows = await queryRows(
    tx,
    sql`select attname::text as name, attstorage::text as storage from pg_attribute
        where attrelid = ${table}::regclass and attname::text = any(${sql.param(Object.keys(wanted))}::text[])`,
  );
  const changed = z
    .array(z.object({ name: z.string(), storage: z.string() }))
    .parse(rows)
    .filter(({ name, storage }) => storage !== STORAGE_CODE[wanted[name]!])
    .map(({ name }) => name);
  if (changed.length > 0) {
    const columns = changed.map((name) => sql`alter column ${sql.identifier(name)} set storage ${sql.raw(wanted[name]!)}`);
    await tx.execute(sql`alter table ${sql.identifier(table)} ${sql.join(columns, sql`, `)}`);
  }
  return new Set(changed);
}

/**
 * Keeps the table's columns stored as VECTOR_TABLE_STORAGE says. A table written before its
 * vectors were kept inline (storage MAIN) holds them in TOAST.
 * Rewriting it (CLUSTER: one pass, indexes rebuilt) moves them back into the rows. Done only
 * while the table is small enough to be searched by an exact scan — where the layout matters
 * (an HNSW index holds its own copy of the vectors) and the rewrite takes seconds. Runs once: it
 * is recognised by the storage setting still being external.
 */
async function rewriteToastedVectors(tx: DbTransaction, table: string, maxRows: number): Promise<void> {
  if (!(await setColumnStorage(tx, table, VECTOR_TABLE_STORAGE)).has("embedding")) return;
  const t = sql.identifier(table);
  const [tooLarge] = await queryRows(tx, sql`select 1 from ${t} offset ${Math.max(0, maxRows - 1)} limit 1`);
  if (tooLarge) return;
  const [pkey] = await queryRows(tx, sql`select conname::text as name from pg_constraint where conrelid = ${table}::regclass and contype = 'p'`);
  if (!pkey) return;
  await tx.execute(sql`cluster ${t} using ${sql.identifier(z.object({ name: z.string() }).parse(pkey).name)}`);
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
    if (!enough) {
      await rewriteToastedVectors(tx, table, minRows);
      return false;
    }
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
