import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";

/**
 * A column's SQL type: the element type of the array it is sent as. A `jsonb` column goes as
 * text[] of JSON documents and is cast row by row (a jsonb[] parameter would be JSON-encoded again
 * by postgres.js), so pass JSON.stringify's output or null.
 */
export type ColumnType = "text" | "integer" | "tsvector" | "jsonb";

/**
 * `insert into <table> (<columns>) select … from unnest($1::<type>[], …)`: the rows go column by
 * column, one array parameter per column, whatever their number. drizzle's insert builder works on
 * every value of every row: 25,000 relationship edges into PGlite took 1.9–2.7 s through it and
 * 0.9–1.3 s through this (insert-columns.bench.ts), whose statement has as many parameters as
 * `columns` has entries. Both drivers send a JS array as a Postgres array. `rows` are keyed by
 * the columns' database names; a missing value is NULL. Append `on conflict …` to the result as
 * needed.
 */
export function insertColumns(
  table: PgTable,
  columns: Readonly<Record<string, ColumnType>>,
  rows: ReadonlyArray<Readonly<Record<string, string | number | null | undefined>>>,
): SQL {
  const names = Object.keys(columns);
  const sent = (type: ColumnType) => (type === "jsonb" ? "text" : type);
  const values = names.map((name) => sql`${sql.param(rows.map((row) => row[name] ?? null))}::${sql.raw(sent(columns[name]!))}[]`);
  const outputs = names.map((name, i) => (columns[name] === "jsonb" ? sql.raw(`c${i}::jsonb`) : sql.raw(`c${i}`)));
  return sql`insert into ${table} (${sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  )}) select ${sql.join(outputs, sql`, `)} from unnest(${sql.join(values, sql`, `)}) as u(${sql.raw(names.map((_, i) => `c${i}`).join(", "))})`;
}

/** `column = any($1::text[])`: one parameter for the whole list, where drizzle's inArray builds one per value. */
export function anyOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(values)}::text[])`;
}
