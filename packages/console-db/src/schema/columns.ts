import { sql } from "drizzle-orm";
import { check, customType, text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";
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

/** A CHECK that keeps an enum-like text column to its known values (inlined: DDL takes no parameters). */
export function oneOf(name: string, column: AnyPgColumn, values: readonly string[]) {
  const list = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ");
  return check(name, sql`${column} in (${sql.raw(list)})`);
}
