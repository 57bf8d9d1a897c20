import { queryRows, type Db } from "@repo/console-db";
import { sql } from "drizzle-orm";
import { z } from "zod";

const count = z.coerce.number().int();
const ProgressRowSchema = z.object({
  status: z.string(),
  planned: count,
  done: count,
  fetched: count,
  chunked: count,
  embedded: count,
  indexed: count,
});

export type JobProgress = z.infer<typeof ProgressRowSchema>;

/**
 * Where a job stands, read from the rows the workflows write: files planned into batches and
 * those in finished batches, blobs staged (fetched), chunks of finished batches (chunk and
 * embed counts are recorded when a batch completes) and files whose manifest row is written.
 */
export async function readJobProgress(db: Db, jobId: string): Promise<JobProgress | null> {
  const rows = await queryRows(
    db,
    sql`select j.status,
      coalesce(sum(jsonb_array_length(b.files)), 0) as planned,
      coalesce(sum(jsonb_array_length(b.files)) filter (where b.status in ('succeeded', 'failed')), 0) as done,
      (select count(*) from blob_staging s where s.job_id = j.id) as fetched,
      coalesce(sum(b.chunks_total), 0) as chunked,
      coalesce(sum(b.chunks_embedded), 0) as embedded,
      (select count(*) from sync_job_files f where f.job_id = j.id and f.outcome = 'indexed') as indexed
    from sync_jobs j left join sync_batches b on b.job_id = j.id
    where j.id = ${jobId}
    group by j.id, j.status`,
  );
  return rows[0] ? ProgressRowSchema.parse(rows[0]) : null;
}
