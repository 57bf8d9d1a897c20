import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db-types";
import type { SourceRow } from "../row-types";
import { activities, alerts, documents, sources, syncJobs, webhookDeliveries } from "../schema";

// What the console reads and changes, always within one workspace: an id of another workspace's
// source finds nothing here, so its pages and actions answer 404.

const LISTED = ["active", "paused"] as const;

/** A listed (not removed) source of the workspace. */
export async function findSource(db: Db, workspaceId: string, sourceId: string): Promise<SourceRow | undefined> {
  const [source] = await db
    .select()
    .from(sources)
    .where(and(eq(sources.id, sourceId), eq(sources.workspaceId, workspaceId), inArray(sources.status, [...LISTED])));
  return source;
}

/** The workspace's listed sources, by name. */
export async function listedSources(db: Db, workspaceId: string): Promise<SourceRow[]> {
  return db
    .select()
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), inArray(sources.status, [...LISTED])))
    .orderBy(sources.fullName);
}

/** Sources with their newest job and index size, for the Sources page. */
export async function listSourceOverview(db: Db, workspaceId: string) {
  const listed = await listedSources(db, workspaceId);
  if (listed.length === 0) return [];
  const ids = listed.map((s) => s.id);
  const sizes = await db
    .select({ sourceId: documents.sourceId, documents: count(), chunks: sql<number>`coalesce(sum(${documents.chunkCount}), 0)::int` })
    .from(documents)
    .where(and(inArray(documents.sourceId, ids), eq(documents.outcome, "indexed")))
    .groupBy(documents.sourceId);
  const jobs = await db
    .selectDistinctOn([syncJobs.sourceId])
    .from(syncJobs)
    .where(inArray(syncJobs.sourceId, ids))
    .orderBy(syncJobs.sourceId, desc(syncJobs.createdAt));
  const open = await db
    .select({ sourceId: alerts.sourceId, n: count() })
    .from(alerts)
    .where(and(inArray(alerts.sourceId, ids), isNull(alerts.resolvedAt)))
    .groupBy(alerts.sourceId);
  return listed.map((source) => ({
    source,
    openAlerts: open.find((a) => a.sourceId === source.id)?.n ?? 0,
    size: sizes.find((s) => s.sourceId === source.id) ?? { documents: 0, chunks: 0 },
    lastJob: jobs.find((j) => j.sourceId === source.id),
  }));
}

export const MISSING_FILES_SHOWN = 500;

/** A source with its recent jobs and the files its index currently lacks (skipped or failed). */
export async function getSourceDetail(db: Db, workspaceId: string, sourceId: string) {
  const source = await findSource(db, workspaceId, sourceId);
  if (!source) return undefined;
  const jobs = await db.select().from(syncJobs).where(eq(syncJobs.sourceId, source.id)).orderBy(desc(syncJobs.createdAt)).limit(20);
  // The manifest, not the last job: an incremental job only touches changed files, but a user
  // asking "why is this file missing?" needs every file the index lacks right now.
  const missing = await db
    .select({ path: documents.path, outcome: documents.outcome, reason: documents.reason, error: documents.error, commit: documents.commit })
    .from(documents)
    .where(and(eq(documents.sourceId, source.id), inArray(documents.outcome, ["skipped", "failed"])))
    .orderBy(desc(documents.outcome), documents.path)
    .limit(MISSING_FILES_SHOWN + 1);
  return { source, jobs, missing: missing.slice(0, MISSING_FILES_SHOWN), moreMissing: missing.length > MISSING_FILES_SHOWN };
}

/** Every source the workspace ever had (removed ones too), for naming audit log subjects. */
export async function sourcesById(db: Db, workspaceId: string): Promise<Map<string, SourceRow>> {
  const rows = await db.select().from(sources).where(eq(sources.workspaceId, workspaceId));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function listActivities(db: Db, workspaceId: string, limit = 100) {
  return db.select().from(activities).where(eq(activities.workspaceId, workspaceId)).orderBy(desc(activities.createdAt)).limit(limit);
}

/** Webhook deliveries about the workspace's GitHub repositories (deliveries name repositories, not workspaces). */
export async function listWebhookDeliveries(db: Db, workspaceId: string, limit = 50) {
  const repos = await db
    .selectDistinct({ id: sources.externalId })
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.provider, "github")));
  if (repos.length === 0) return [];
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      inArray(
        webhookDeliveries.repositoryId,
        repos.map((r) => r.id),
      ),
    )
    .orderBy(desc(webhookDeliveries.receivedAt))
    .limit(limit);
}

export async function listOpenAlerts(db: Db, workspaceId: string) {
  return db
    .select()
    .from(alerts)
    .where(and(eq(alerts.workspaceId, workspaceId), isNull(alerts.resolvedAt)))
    .orderBy(desc(alerts.createdAt));
}

/** The workspace's alerts, open first, then the most recently raised, with their source's name. */
export async function listAlerts(db: Db, workspaceId: string, limit = 200) {
  return db
    .select({ alert: alerts, source: sources.fullName })
    .from(alerts)
    .leftJoin(sources, eq(sources.id, alerts.sourceId))
    .where(eq(alerts.workspaceId, workspaceId))
    .orderBy(sql`${alerts.resolvedAt} is not null`, desc(alerts.createdAt))
    .limit(limit);
}
