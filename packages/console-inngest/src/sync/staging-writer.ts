import { insertColumns, schema, type Db } from "@repo/console-db";
import { sql } from "drizzle-orm";

type StagedRow = typeof schema.blobStaging.$inferInsert;

/** Staged contents go in 100 rows per insert: few round trips, statements of bounded size. */
const STAGE_ROWS_PER_INSERT = 100;

/**
 * Writes a job's fetched contents into blob_staging as they arrive, a hundred rows at a time; a
 * content staged twice (same job and sha) is kept once. Git and item sources stage through it.
 */
export function createStagingWriter(db: Db) {
  let pending: StagedRow[] = [];
  let staged = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await db.execute(insertStaged(pending));
    staged += pending.length;
    pending = [];
  };
  return {
    async add(row: StagedRow): Promise<void> {
      pending.push(row);
      if (pending.length >= STAGE_ROWS_PER_INSERT) await flush();
    },
    flush,
    staged: () => staged,
  };
}

/**
 * The rows column by column (insertColumns): the contents as one bytea that each row takes its
 * slice of, so they go as bytes (not hex text) in a statement of a few parameters, not several per
 * row for the insert builder to walk.
 */
function insertStaged(rows: readonly StagedRow[]) {
  const columns = { job_id: "text", sha: "text", content: "bytes", bytes: "integer", redactions: "jsonb" } as const;
  const values = rows.map((r) => ({ job_id: r.jobId, sha: r.sha, content: r.content, bytes: r.bytes, redactions: JSON.stringify(r.redactions ?? {}) }));
  return sql`${insertColumns(schema.blobStaging, columns, values)} on conflict do nothing`;
}
