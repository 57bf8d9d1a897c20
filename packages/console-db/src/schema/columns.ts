import { sql } from "drizzle-orm";
import { check, customType, integer, jsonb, text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";
import { newId } from "../ids";

/** Text primary key with an app-generated, prefixed id (`ws_…`, `src_…`). */
export const idColumn = (prefix: string) =>
  text("id")
    .primaryKey()
    .$defaultFn(() => newId(prefix));

export const createdAt = () => timestamp("created_at", { withTimezone: true }).defaultNow().notNull();

/** Set by the application on update (drizzle's $onUpdate), so it also moves on upserts. */
export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true })
    .defaultNow()
    .notNull()
    .$onUpdate(() => new Date());

// postgres.js returns bytea as Buffer, PGlite as Uint8Array; expose one type to callers.
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * Secret kind → how many spans of that kind were replaced in a file's staged text (never the
 * values). NULL on a document means its text was indexed before contents were scanned.
 */
export const redactions = () => jsonb("redactions").$type<Record<string, number>>();

/** A CHECK that keeps an enum-like text column to its known values (inlined: DDL takes no parameters). */
export function oneOf(name: string, column: AnyPgColumn, values: readonly string[]) {
  const list = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ");
  return check(name, sql`${column} in (${sql.raw(list)})`);
}

/** The exact counts a job keeps, and each of its batches keeps for its share. */
export const syncCounts = () => ({
  filesIndexed: integer("files_indexed").notNull().default(0),
  filesUnchanged: integer("files_unchanged").notNull().default(0),
  filesDeleted: integer("files_deleted").notNull().default(0),
  filesFailed: integer("files_failed").notNull().default(0),
  /** SkipReason → count. */
  skippedByReason: jsonb("skipped_by_reason").$type<Record<string, number>>().notNull().default({}),
  chunksTotal: integer("chunks_total").notNull().default(0),
  chunksEmbedded: integer("chunks_embedded").notNull().default(0),
  chunksReused: integer("chunks_reused").notNull().default(0),
  requestsEmbedding: integer("requests_embedding").notNull().default(0),
  requestsGithub: integer("requests_github").notNull().default(0),
  /** Vectors written to and removed from the vector store (ids; a rewrite of an id counts again). */
  vectorsUpserted: integer("vectors_upserted").notNull().default(0),
  vectorsDeleted: integer("vectors_deleted").notNull().default(0),
  /** Input tokens the embedding provider reported (0 for the local embedder, which bills none). */
  embeddingTokens: integer("embedding_tokens").notNull().default(0),
});
