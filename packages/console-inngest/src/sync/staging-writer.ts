import { schema, type Db } from "@repo/console-db";
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
 * The rows column by column (as insertColumns sends them): the contents as one bytea that each row
 * takes its slice of, so they still go as bytes (not hex text) and the statement has seven
 * parameters, not seven per row for the insert builder to walk.
 */
function insertStaged(rows: readonly StagedRow[]) {
  const contents = new Uint8Array(rows.reduce((n, r) => n + r.content.byteLength, 0));
  const starts: number[] = [];
  let at = 0;
  for (const row of rows) {
    contents.set(row.content, at);
    starts.push(at + 1);
    at += row.content.byteLength;
  }
  const text = (values: ReadonlyArray<string | null>) => sql`${sql.param(values)}::text[]`;
  const integers = (values: readonly number[]) => sql`${sql.param(values)}::int[]`;
  return sql`insert into ${schema.blobStaging} (job_id, sha, content, bytes, redactions)
    select r.job_id, r.sha, substring(${contents}::bytea from r.start for r.length), r.bytes, coalesce(r.redactions::jsonb, '{}'::jsonb)
    from unnest(${text(rows.map((r) => r.jobId))}, ${text(rows.map((r) => r.sha))}, ${integers(starts)}, ${integers(rows.map((r) => r.content.byteLength))},
      ${integers(rows.map((r) => r.bytes))}, ${text(rows.map((r) => (r.redactions ? JSON.stringify(r.redactions) : null)))})
      as r(job_id, sha, start, length, bytes, redactions)
    on conflict do nothing`;
}
