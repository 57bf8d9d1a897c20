import { queryRows, schema, type Db, type SourceRow, type SyncJobRow } from "@repo/console-db";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";

// Read queries the apps run; they call these instead of reading the schema themselves.

/** The workspace's sources that still hold an index (removed ones are kept only as history). */
export async function listSources(db: Db, workspaceId: string): Promise<SourceRow[]> {
  return db
    .select()
    .from(schema.sources)
    .where(and(eq(schema.sources.workspaceId, workspaceId), ne(schema.sources.status, "removed")))
    .orderBy(schema.sources.fullName);
}

export async function getSource(db: Db, sourceId: string): Promise<SourceRow | undefined> {
  const [source] = await db.select().from(schema.sources).where(eq(schema.sources.id, sourceId));
  return source;
}

export async function getJob(db: Db, jobId: string): Promise<SyncJobRow | undefined> {
  const [job] = await db.select().from(schema.syncJobs).where(eq(schema.syncJobs.id, jobId));
  return job;
}

/** The source's most recent job, whatever its status. */
export async function latestJob(db: Db, sourceId: string): Promise<SyncJobRow | undefined> {
  const [job] = await db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(desc(schema.syncJobs.createdAt)).limit(1);
  return job;
}

const count = z.coerce.number().int();
const DocumentCountsSchema = z.object({ source_id: z.string(), indexed: count, skipped: count, failed: count, chunks: count });
const LastJobSchema = z.object({
  source_id: z.string(),
  id: z.string(),
  status: z.string(),
  trigger: z.string(),
  target_commit: z.string().nullable(),
  error: z.string().nullable(),
  finished_at: z.coerce.date().nullable(),
  files_indexed: count,
  files_failed: count,
});

export type DocumentCounts = z.infer<typeof DocumentCountsSchema>;
export type LastJob = z.infer<typeof LastJobSchema>;

/** Documents by outcome and chunks, per source. */
export async function documentCountsBySource(db: Db): Promise<Map<string, DocumentCounts>> {
  const rows = await queryRows(
    db,
    sql`select source_id, count(*) filter (where outcome = 'indexed') as indexed, count(*) filter (where outcome = 'skipped') as skipped,
      count(*) filter (where outcome = 'failed') as failed, coalesce(sum(chunk_count), 0) as chunks from documents group by source_id`,
  );
  return new Map(rows.map((row) => DocumentCountsSchema.parse(row)).map((c) => [c.source_id, c]));
}

/** Each source's most recent job. */
export async function lastJobBySource(db: Db): Promise<Map<string, LastJob>> {
  const rows = await queryRows(
    db,
    sql`select distinct on (source_id) source_id, id, status, trigger, target_commit, error, finished_at, files_indexed, files_failed
      from sync_jobs order by source_id, created_at desc`,
  );
  return new Map(rows.map((row) => LastJobSchema.parse(row)).map((j) => [j.source_id, j]));
}
