import { queryRows, type Db } from "@repo/console-db";
import { sql } from "drizzle-orm";

/**
 * Every row of every table in the public schema as text (bytea as UTF-8), one line per row:
 * a haystack for "this value was never written anywhere" assertions.
 */
export async function databaseText(db: Db): Promise<string> {
  const tables = await queryRows(db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const lines: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await queryRows(db, sql.raw(`select * from "${String(table).replaceAll('"', '""')}"`));
    for (const row of rows)
      lines.push(
        `${String(table)} ${JSON.stringify(row, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString("utf8") : value))}`,
      );
  }
  return lines.join("\n");
}

/**
 * Copies every row inserted into blob_staging into `staging_audit`, which nothing clears, so a
 * test can inspect what was staged after the sync has emptied the staging table.
 */
export async function auditStaging(db: Db): Promise<void> {
  await db.execute(sql`create table staging_audit (sha text not null, content bytea not null)`);
  await db.execute(
    sql.raw(
      `create function audit_staging() returns trigger language plpgsql as $$ begin insert into staging_audit values (new.sha, new.content); return new; end $$`,
    ),
  );
  await db.execute(sql`create trigger audit_staging after insert on blob_staging for each row execute function audit_staging()`);
}
