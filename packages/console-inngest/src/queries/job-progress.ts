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
  batches_done: count,
  batches_total: count,
});

export type JobProgress = z.infer<typeof ProgressRowSchema>;

/**
 * Where a job stands, read from the rows the workflows write: files planned into batches (their
 * file_count; the list itself only in batches written before that column); files
 * done (in finished batches, or with their own outcome row, which comes first); blobs staged
 * (fetched); chunks of finished batches (chunk and embed counts are recorded when a batch
 * completes); files whose manifest row is written (indexed).
 */
export async function readJobProgress(db: Db, jobId: string): Promise<JobProgress | null> {
  const rows = await queryRows(
    db,
    sql`with batches as (
        select coalesce(sum(coalesce(file_count, jsonb_array_length(files))), 0) as planned,
          coalesce(sum(coalesce(file_count, jsonb_array_length(files))) filter (where status in ('succeeded', 'failed')), 0) as finished,
          coalesce(sum(chunks_total), 0) as chunked, coalesce(sum(chunks_embedded), 0) as embedded
        from sync_batches where job_id = ${jobId}),
      outcomes as (
        select count(*) filter (where outcome = 'indexed') as indexed,
          count(*) filter (where outcome in ('indexed', 'failed', 'deleted')) as settled
        from sync_job_files where job_id = ${jobId})
    select j.status, b.planned, b.chunked, b.embedded, o.indexed, j.batches_done, j.batches_total,
      greatest(b.finished, o.settled) as done,
      greatest((select count(*) from blob_staging s where s.job_id = j.id), b.finished, o.settled) as fetched
    from sync_jobs j, batches b, outcomes o where j.id = ${jobId}`,
  );
  return rows[0] ? ProgressRowSchema.parse(rows[0]) : null;
}
