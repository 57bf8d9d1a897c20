import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { VectorMetadataSchema, type VectorMatch, type VectorQuery, type VectorRecord, type VectorStore } from "@repo/console-types";
import { takesFloat32Vectors } from "../client/float32-vectors";
import type { Db } from "../db-types";
import { utf8Column } from "../insert-columns";
import { queryRows } from "../query-rows";
import { distanceOperand, queryOperand } from "./distance";
import { ensureHnswIndex, ensureVectorTable } from "./ensure-vector-table";
import { vectorTableName } from "./table-name";
import { checkVector, parseVectorLiteral, toVectorLiteral } from "./vector-literal";

// Rows per INSERT: 4 parameters each, far below Postgres's 65535, and a few MB of vector text.
const UPSERT_BATCH = 200;
const IDS_BATCH = 1000;

export interface PgVectorStoreOptions {
  db: Db;
  storeId: string;
  dimensions: number;
  /** Overrides the table derived from storeId (stores.vector_config.table). */
  table?: string;
  /** Vectors the table must hold before maintainIndex builds the HNSW index (default 50,000). */
  hnswMinRows?: number;
}

/**
 * An exact scan of 50,000 384-dimension vectors stays well under the CLI's search budget, and
 * most repositories never get there, so their syncs never pay for HNSW inserts.
 */
export const DEFAULT_HNSW_MIN_ROWS = 50_000;

export interface PgVectorStore extends VectorStore {
  readonly table: string;
  /** Creates the extension and table when missing; safe to call concurrently. */
  ensure(): Promise<void>;
  /** Builds the HNSW index once the table is large enough; true when the index exists. */
  maintainIndex(): Promise<boolean>;
}

const MatchRowSchema = z.object({ id: z.string(), distance: z.coerce.number(), metadata: VectorMetadataSchema });
const RecordRowSchema = z.object({ id: z.string(), embedding: z.string(), metadata: VectorMetadataSchema });
const IdRowSchema = z.object({ id: z.string() });
const CountRowSchema = z.object({ removed: z.coerce.number() });

/** The VectorStore on pgvector: one table per store, cosine distance, HNSW. */
export function createPgVectorStore({
  db,
  storeId,
  dimensions,
  table: tableOverride,
  hnswMinRows = DEFAULT_HNSW_MIN_ROWS,
}: PgVectorStoreOptions): PgVectorStore {
  const table = tableOverride ?? vectorTableName(storeId);
  const t = sql.identifier(table);
  // PGlite takes vectors as one binary float4[] (see pglite-binary-params.mjs), ~10x cheaper than
  // the text form, each row's vector a slice of it; other clients get pgvector's text form, one
  // array element a row. Both give pgvector the same float4 values.
  const float32 = takesFloat32Vectors(db);
  const d = sql.raw(String(dimensions));
  /** The n-th row's vector (`r.n`, from 1) out of one array parameter for the batch. */
  const embeddings = (batch: readonly VectorRecord[]): SQL => {
    if (!float32) return sql`(${sql.param(batch.map((r) => toVectorLiteral(r.values, dimensions, r.id)))}::text[])[r.n]::vector`;
    const values = new Float32Array(batch.length * dimensions);
    for (const [i, r] of batch.entries()) {
      checkVector(r.values, dimensions, r.id);
      values.set(r.values, i * dimensions);
    }
    // A finite double beyond float4's range becomes Infinity here; the text form fails on it too.
    if (!allFinite(values)) for (const r of batch) checkVector(Array.from(Float32Array.from(r.values)), dimensions, r.id);
    return sql`(${values}::real[])[(r.n - 1) * ${d} + 1 : r.n * ${d}]::vector`;
  };

  async function upsert(records: readonly VectorRecord[]): Promise<void> {
    // ON CONFLICT cannot touch one row twice in a statement: the last record for an id wins.
    // Unchanged rows are not rewritten (the WHERE below), so a retried batch costs no HNSW inserts.
    const unique = [...new Map(records.map((r) => [r.id, r])).values()];
    for (const batch of chunksOf(unique, UPSERT_BATCH)) {
      // Column by column, one array parameter each (see insertColumns): drizzle's work per value
      // of per-row VALUES lists cost more than the statement's own execution.
      // The metadata (snippets, ~0.8 KB a vector) as UTF-8 bytes (utf8Column), not a text[].
      const metadata = utf8Column(batch.map((r) => JSON.stringify(VectorMetadataSchema.parse(r.metadata))));
      await db.execute(sql`insert into ${t} (id, source_id, embedding, metadata)
        select r.id, r.source_id, ${embeddings(batch)}, ${metadata.value(sql`r.start`, sql`r.length`)}::jsonb
        from unnest(${sql.param(batch.map((r) => r.id))}::text[], ${sql.param(batch.map((r) => r.metadata.sourceId))}::text[], ${metadata.starts}, ${metadata.lengths})
          with ordinality as r(id, source_id, start, length, n)
        on conflict (id) do update set source_id = excluded.source_id, embedding = excluded.embedding, metadata = excluded.metadata
        where (${t}.source_id, ${t}.embedding, ${t}.metadata) is distinct from (excluded.source_id, excluded.embedding, excluded.metadata)`);
    }
  }

  async function query({ vector, topK, filter }: VectorQuery): Promise<VectorMatch[]> {
    const sourceIds = filter?.sourceId === undefined ? undefined : [filter.sourceId].flat();
    if (sourceIds?.length === 0 || topK <= 0) return [];
    const distance = sql`${distanceOperand(dimensions)} <=> ${queryOperand(dimensions, toVectorLiteral(vector, dimensions, "query"))}`;
    const where = sourceIds ? sql`where source_id in (${list(sourceIds)})` : sql``;
    return db.transaction(async (tx) => {
      // A filtered HNSW scan would otherwise stop after ef_search candidates and return fewer than
      // topK matches; iterative scanning (pgvector ≥ 0.8) keeps going, in exact distance order.
      await tx.execute(sql`select set_config('hnsw.iterative_scan', 'strict_order', true),
        set_config('hnsw.ef_search', ${String(Math.min(1000, Math.max(40, topK)))}, true)`);
      // The distance is computed once per row (ordered by its output column) and turned into the
      // score here: a scan over every vector pays for each evaluation.
      const rows = await queryRows(tx, sql`select id, metadata, ${distance} as distance from ${t} ${where} order by distance limit ${topK}`);
      return rows.map((row) => {
        const { id, distance: d, metadata } = MatchRowSchema.parse(row);
        return { id, score: 1 - d, metadata };
      });
    });
  }

  async function fetch(ids: readonly string[]): Promise<VectorRecord[]> {
    const found: VectorRecord[] = [];
    for (const batch of chunksOf(ids, IDS_BATCH)) {
      const rows = await queryRows(db, sql`select id, embedding::text as embedding, metadata from ${t} where id in (${list(batch)})`);
      for (const row of rows) {
        const { id, embedding, metadata } = RecordRowSchema.parse(row);
        found.push({ id, values: parseVectorLiteral(embedding), metadata });
      }
    }
    return found;
  }

  async function deleteIds(ids: readonly string[]): Promise<void> {
    for (const batch of chunksOf(ids, IDS_BATCH)) await db.execute(sql`delete from ${t} where id in (${list(batch)})`);
  }

  async function listIds(prefix: string): Promise<string[]> {
    const rows = await queryRows(db, sql`select id from ${t} where ${startsWith(prefix)} order by id`);
    return rows.map((row) => IdRowSchema.parse(row).id);
  }

  async function deleteByPrefix(prefix: string): Promise<number> {
    const [row] = await queryRows(db, sql`with removed as (delete from ${t} where ${startsWith(prefix)} returning 1) select count(*) as removed from removed`);
    return CountRowSchema.parse(row).removed;
  }

  return {
    dimensions,
    table,
    ensure: () => ensureVectorTable(db, table, dimensions, hnswMinRows),
    maintainIndex: () => ensureHnswIndex(db, table, dimensions, hnswMinRows),
    upsert,
    query,
    fetch,
    deleteIds,
    listIds,
    deleteByPrefix,
  };
}

/** `id LIKE 'prefix%'` with LIKE's wildcards escaped: source ids such as `src_…` contain `_`. */
function startsWith(prefix: string): SQL {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`id like ${pattern} escape '\\'`;
}

function list(values: readonly string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Whether every value is finite. An indexed loop: `every(Number.isFinite)` on a Float32Array boxed
 * each value for the callback, ~120 MB of garbage on the writing thread in a 3,000-file sync.
 */
function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}
