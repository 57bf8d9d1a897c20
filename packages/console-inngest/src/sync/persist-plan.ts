import { schema, type PlannedFile } from "@repo/console-db";
import { eq, sql } from "drizzle-orm";
import { DEFAULT_BATCH_LIMITS, packBatches } from "./batches";
import type { SyncDeps } from "./deps";
import { withLease } from "./lease";
import { recordSkips, type SkipRecord } from "./outcomes";

/** Deletes are cheap per file; 1,000 keeps a delete batch to one Pinecone request per 1,000 ids. */
const DELETE_BATCH_FILES = 1000;

export interface PlanToPersist {
  jobId: string;
  sourceId: string;
  commit: string;
  upserts: PlannedFile[];
  deletes: PlannedFile[];
  skips: SkipRecord[];
  filesSeen: number;
  unchanged: number;
  /** Requests the planning made, added to the job's count for its kind of source. */
  requests: { github: number } | { source: number };
  /** Extra columns of the job row written in the same leased transaction (an item source's position). */
  job?: Partial<typeof schema.syncJobs.$inferInsert>;
  /** The effective tributary.yml (git sources). */
  config?: Record<string, unknown>;
}

/**
 * Packs a plan into batches and persists it under the job's lease, replacing any earlier plan of
 * the job (no batch has been dispatched before planning returns). Git and item sources share it.
 */
export async function persistPlan(deps: SyncDeps, plan: PlanToPersist): Promise<{ upsertBatches: string[]; deleteBatches: string[] }> {
  const { jobId } = plan;
  const upsertBatches = packBatches(
    plan.upserts.map((f) => ({ ...f, size: f.size ?? 0 })),
    deps.batchLimits ?? DEFAULT_BATCH_LIMITS,
  );
  const deleteBatches = packBatches(
    plan.deletes.map((f) => ({ ...f, size: 0 })),
    { maxFiles: DELETE_BATCH_FILES, maxBytes: Number.POSITIVE_INFINITY },
  );
  const ids = await withLease(deps.db, jobId, async (tx) => {
    await tx.delete(schema.syncBatches).where(eq(schema.syncBatches.jobId, jobId));
    const rows = [
      ...upsertBatches.map((files, i) => ({
        jobId,
        seq: i,
        kind: "upsert" as const,
        files,
        fileCount: files.length,
        bytes: files.reduce((n, f) => n + f.size, 0),
      })),
      ...deleteBatches.map((files, i) => ({ jobId, seq: upsertBatches.length + i, kind: "delete" as const, files, fileCount: files.length })),
    ];
    const inserted =
      rows.length === 0 ? [] : await tx.insert(schema.syncBatches).values(rows).returning({ id: schema.syncBatches.id, kind: schema.syncBatches.kind });
    await recordSkips(tx, { jobId, sourceId: plan.sourceId, commit: plan.commit, skips: plan.skips });
    const requests =
      "github" in plan.requests
        ? { requestsGithub: sql`${schema.syncJobs.requestsGithub} + ${plan.requests.github}` }
        : { requestsSource: sql`${schema.syncJobs.requestsSource} + ${plan.requests.source}` };
    await tx
      .update(schema.syncJobs)
      .set({ ...plan.job, filesSeen: plan.filesSeen, filesUnchanged: plan.unchanged, batchesTotal: inserted.length, ...requests })
      .where(eq(schema.syncJobs.id, jobId));
    if (plan.config) await tx.update(schema.sources).set({ config: plan.config }).where(eq(schema.sources.id, plan.sourceId));
    return inserted;
  });
  return {
    upsertBatches: ids.filter((b) => b.kind === "upsert").map((b) => b.id),
    deleteBatches: ids.filter((b) => b.kind === "delete").map((b) => b.id),
  };
}
