import { and, asc, desc, eq, getTableColumns, type InferInsertModel, type InferSelectModel, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbExecutor } from "../db-types";
import * as schema from "../schema";

// Tests in the apps seed and inspect rows through these helpers, so that no app file imports the
// schema's tables (a Biome rule enforces that). Tables are named by their schema export.
type Schema = typeof schema;
export type TableName = { [K in keyof Schema]: Schema[K] extends PgTable ? K : never }[keyof Schema];
export type TableRow<K extends TableName> = InferSelectModel<Schema[K]>;

interface RowQuery<K extends TableName> {
  /** Column equality filters, by field name. */
  where?: Partial<TableRow<K>>;
  /** Field to sort by; prefix with "-" for descending. */
  orderBy?: (keyof TableRow<K> & string) | `-${keyof TableRow<K> & string}`;
  limit?: number;
}

function tableOf(name: TableName): PgTable {
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: a test helper, never bundled; tables are picked by name.
  return schema[name] as PgTable;
}

function column(table: PgTable, field: string) {
  const found = getTableColumns(table)[field];
  if (!found) throw new Error(`no column ${field} in ${table._.name}`);
  return found;
}

/** The rows of one table matching `where` (field equality), optionally ordered and limited. */
export async function tableRows<K extends TableName>(db: DbExecutor, name: K, query: RowQuery<K> = {}): Promise<TableRow<K>[]> {
  const table = tableOf(name);
  const filters: SQL[] = Object.entries(query.where ?? {}).map(([field, value]) => eq(column(table, field), value));
  let select = db
    .select()
    .from(table)
    .where(and(...filters))
    .$dynamic();
  if (query.orderBy) {
    const descending = query.orderBy.startsWith("-");
    const field = column(table, descending ? query.orderBy.slice(1) : query.orderBy);
    select = select.orderBy(descending ? desc(field) : asc(field));
  }
  if (query.limit !== undefined) select = select.limit(query.limit);
  return (await select) as TableRow<K>[];
}

/** Inserts rows into one table and returns them as stored. */
export async function insertRows<K extends TableName>(db: DbExecutor, name: K, values: InferInsertModel<Schema[K]>[]): Promise<TableRow<K>[]> {
  return (await db.insert(tableOf(name)).values(values).returning()) as TableRow<K>[];
}
