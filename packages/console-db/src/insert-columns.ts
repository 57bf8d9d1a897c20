import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";

/**
 * A column's SQL type: the element type of the array it is sent as. A `jsonb` column goes as
 * text[] of JSON documents and is cast row by row (a jsonb[] parameter would be JSON-encoded again
 * by postgres.js), so pass JSON.stringify's output or null. A `utf8` column is text sent as
 * utf8Column sends it: for long texts (a chunk's content), not for short names. A `bytes` column is
 * bytea whose values (Uint8Array) go as bytesColumn sends them.
 */
export type ColumnType = "text" | "integer" | "tsvector" | "jsonb" | "utf8" | "bytes";

type ColumnValue = string | number | Uint8Array | null | undefined;

/**
 * `insert into <table> (<columns>) select … from unnest($1::<type>[], …)`: the rows go column by
 * column, one array parameter per column, whatever their number. drizzle's insert builder works on
 * every value of every row: 25,000 relationship edges into PGlite took 1.9–2.7 s through it and
 * 0.9–1.3 s through this (insert-columns.bench.ts), whose statement has as many parameters as
 * `columns` has entries. Both drivers send a JS array as a Postgres array. `rows` are keyed by
 * the columns' database names; a missing value is NULL. Append `on conflict …` to the result as
 * needed.
 */
export function insertColumns(table: PgTable, columns: Readonly<Record<string, ColumnType>>, rows: ReadonlyArray<Readonly<Record<string, ColumnValue>>>): SQL {
  const names = Object.keys(columns);
  const arrays: SQL[] = [];
  const aliases: string[] = [];
  const outputs = names.map((name, i) => {
    const type = columns[name]!;
    const values = rows.map((row) => row[name] ?? null);
    if (type === "utf8" || type === "bytes") {
      const packed = type === "utf8" ? utf8Column(values as ReadonlyArray<string | null>) : bytesColumn(values as ReadonlyArray<Uint8Array | null>);
      arrays.push(packed.starts, packed.lengths);
      aliases.push(`s${i}`, `l${i}`);
      return packed.value(sql.raw(`s${i}`), sql.raw(`l${i}`));
    }
    arrays.push(sql`${sql.param(values)}::${sql.raw(type === "jsonb" ? "text" : type)}[]`);
    aliases.push(`c${i}`);
    return sql.raw(type === "jsonb" ? `c${i}::jsonb` : `c${i}`);
  });
  return sql`insert into ${table} (${sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  )}) select ${sql.join(outputs, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(aliases.join(", "))})`;
}

/**
 * Values packed into one bytea parameter: per value where it starts (from 1) and its length in
 * bytes (-1 for NULL), and `value(start, length)`, the SQL of one value from those two columns.
 */
export interface PackedColumn {
  starts: SQL;
  lengths: SQL;
  value: (start: SQL, length: SQL) => SQL;
}

/**
 * Byte strings as one bytea and their offsets (see PackedColumn): the bytes are sent as they are,
 * in one parameter, where a bytea[] would go as hex text and per-row parameters as many values.
 */
export function bytesColumn(values: ReadonlyArray<Uint8Array | null>): PackedColumn {
  const bytes = new Uint8Array(values.reduce((n, v) => n + (v?.byteLength ?? 0), 0));
  const starts: number[] = [];
  const lengths: number[] = [];
  let at = 0;
  for (const value of values) {
    starts.push(at + 1);
    lengths.push(value === null ? -1 : value.byteLength);
    if (value === null) continue;
    bytes.set(value, at);
    at += value.byteLength;
  }
  return packed(bytes, starts, lengths);
}

const encoder = new TextEncoder();

/**
 * Texts as one bytea of their UTF-8 and their offsets (see PackedColumn), each value converted
 * back to text. A text[] parameter costs PGlite a walk over every character in JavaScript (to
 * measure and quote it) and one in WebAssembly (to parse the array literal); bytes are copied as
 * they are. 20,000 chunk contents and their vectors' metadata (~36 MB) went into PGlite in ~1.15 s
 * this way against ~2.05 s as text[] (four alternating rounds each).
 */
export function utf8Column(values: ReadonlyArray<string | null>): PackedColumn {
  // Encoded in place, not text by text: at most 3 bytes per UTF-16 unit.
  const bytes = new Uint8Array(values.reduce((n, v) => n + (v?.length ?? 0), 0) * 3);
  const starts: number[] = [];
  const lengths: number[] = [];
  let at = 0;
  for (const value of values) {
    starts.push(at + 1);
    if (value === null) {
      lengths.push(-1);
      continue;
    }
    const { written } = encoder.encodeInto(value, bytes.subarray(at));
    lengths.push(written);
    at += written;
  }
  const column = packed(bytes.subarray(0, at), starts, lengths);
  return { ...column, value: (start, length) => sql`convert_from(${column.value(start, length)}, 'UTF8')` };
}

function packed(bytes: Uint8Array, starts: number[], lengths: number[]): PackedColumn {
  return {
    starts: sql`${sql.param(starts)}::int[]`,
    lengths: sql`${sql.param(lengths)}::int[]`,
    value: (start, length) => sql`case when ${length} >= 0 then substring(${bytes}::bytea from ${start} for ${length}) end`,
  };
}

/** `column = any($1::text[])`: one parameter for the whole list, where drizzle's inArray builds one per value. */
export function anyOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(values)}::text[])`;
}
