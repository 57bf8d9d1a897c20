import type { SQL } from "drizzle-orm";
import type { Db, DbExecutor } from "./db-types";

/**
 * Runs raw SQL and returns its rows on either driver: postgres.js resolves to the row array
 * itself, PGlite to `{ rows }`. Callers parse the rows (zod) — nothing here trusts their shape.
 */
export async function queryRows(db: Db | DbExecutor, query: SQL): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  if (result && typeof result === "object" && "rows" in result && Array.isArray(result.rows)) {
    return result.rows as Record<string, unknown>[];
  }
  throw new Error("queryRows: the driver returned neither a row array nor { rows } (not retryable)");
}
