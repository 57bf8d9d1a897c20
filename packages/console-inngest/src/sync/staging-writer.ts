import { schema, type Db } from "@repo/console-db";

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
    await db.insert(schema.blobStaging).values(pending).onConflictDoNothing();
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
