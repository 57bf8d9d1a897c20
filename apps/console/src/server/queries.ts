import { schema, type Db } from "@repo/console-db";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";

export type SourceOverview = Awaited<ReturnType<typeof listSources>>[number];

/** Sources with their newest job and index size, for the Sources page. */
export async function listSources(db: Db) {
  const sources = await db.select().from(schema.sources).where(inArray(schema.sources.status, ["active", "paused"])).orderBy(schema.sources.fullName);
  if (sources.length === 0) return [];
  const ids = sources.map((s) => s.id);
  const sizes = await db
    .select({ sourceId: schema.documents.sourceId, documents: count(), chunks: sql<number>`coalesce(sum(${schema.documents.chunkCount}), 0)::int` })
    .from(schema.documents)
    .where(and(inArray(schema.documents.sourceId, ids), eq(schema.documents.outcome, "indexed")))
    .groupBy(schema.documents.sourceId);
  const jobs = await db
    .selectDistinctOn([schema.syncJobs.sourceId])
    .from(schema.syncJobs)
    .where(inArray(schema.syncJobs.sourceId, ids))
    .orderBy(schema.syncJobs.sourceId, desc(schema.syncJobs.createdAt));
  return sources.map((source) => ({
    source,
    size: sizes.find((s) => s.sourceId === source.id) ?? { documents: 0, chunks: 0 },
    lastJob: jobs.find((j) => j.sourceId === source.id),
  }));
}

/** A source with its recent jobs and the files its index currently lacks (skipped or failed). */
export async function getSource(db: Db, id: string) {
  const [source] = await db.select().from(schema.sources).where(eq(schema.sources.id, id));
  if (!source) return undefined;
  const jobs = await db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, id)).orderBy(desc(schema.syncJobs.createdAt)).limit(20);
  // The manifest, not the last job: an incremental job only touches changed files, but a user
  // asking "why is this file missing?" needs every file the index lacks right now.
  const missing = await db
    .select({ path: schema.documents.path, outcome: schema.documents.outcome, reason: schema.documents.reason, error: schema.documents.error, commit: schema.documents.commit })
    .from(schema.documents)
    .where(and(eq(schema.documents.sourceId, id), inArray(schema.documents.outcome, ["skipped", "failed"])))
    .orderBy(desc(schema.documents.outcome), schema.documents.path)
    .limit(MISSING_FILES_SHOWN + 1);
  return { source, jobs, missing: missing.slice(0, MISSING_FILES_SHOWN), moreMissing: missing.length > MISSING_FILES_SHOWN };
}

export const MISSING_FILES_SHOWN = 500;

export async function listActivities(db: Db, limit = 100) {
  return db.select().from(schema.activities).orderBy(desc(schema.activities.createdAt)).limit(limit);
}

export async function sourceNames(db: Db): Promise<Map<string, typeof schema.sources.$inferSelect>> {
  const rows = await db.select().from(schema.sources);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listWebhookDeliveries(db: Db, limit = 50) {
  return db.select().from(schema.webhookDeliveries).orderBy(desc(schema.webhookDeliveries.receivedAt)).limit(limit);
}
