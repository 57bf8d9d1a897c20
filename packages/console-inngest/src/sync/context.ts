import { schema, type DbExecutor, type SourceRow, type StoreRow, type SyncJobRow } from "@repo/console-db";
import { NonRetriableError } from "inngest";
import { eq } from "drizzle-orm";

export interface JobContext {
  job: SyncJobRow;
  source: SourceRow;
  store: StoreRow;
}

/** The job with its source and store; a missing row can never appear by retrying. */
export async function loadJobContext(db: DbExecutor, jobId: string): Promise<JobContext> {
  const [row] = await db
    .select({ job: schema.syncJobs, source: schema.sources, store: schema.stores })
    .from(schema.syncJobs)
    .innerJoin(schema.sources, eq(schema.sources.id, schema.syncJobs.sourceId))
    .innerJoin(schema.stores, eq(schema.stores.id, schema.sources.storeId))
    .where(eq(schema.syncJobs.id, jobId));
  if (!row) throw new NonRetriableError(`sync job ${jobId} does not exist`);
  return row;
}

export async function loadSourceContext(db: DbExecutor, sourceId: string): Promise<{ source: SourceRow; store: StoreRow }> {
  const [row] = await db
    .select({ source: schema.sources, store: schema.stores })
    .from(schema.sources)
    .innerJoin(schema.stores, eq(schema.stores.id, schema.sources.storeId))
    .where(eq(schema.sources.id, sourceId));
  if (!row) throw new NonRetriableError(`source ${sourceId} does not exist`);
  return row;
}

export async function workspaceOfSource(db: DbExecutor, sourceId: string): Promise<string> {
  return (await loadSourceContext(db, sourceId)).source.workspaceId;
}

export async function loadBatchContext(db: DbExecutor, batchId: string): Promise<{ context: JobContext; batch: typeof schema.syncBatches.$inferSelect }> {
  const [batch] = await db.select().from(schema.syncBatches).where(eq(schema.syncBatches.id, batchId));
  if (!batch) throw new NonRetriableError(`batch ${batchId} does not exist`);
  return { context: await loadJobContext(db, batch.jobId), batch };
}
