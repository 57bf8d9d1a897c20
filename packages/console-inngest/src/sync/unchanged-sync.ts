import type { TributaryConfig } from "@repo/console-content";
import { schema, type Db, type SourceRow, type SyncJobRow } from "@repo/console-db";
import { and, count, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { configDiffers } from "./config-differs";
import { unsettledDocuments } from "./unsettled";

export interface UnchangedSyncInput {
  workspaceId: string;
  storeId: string;
  /** The source as the caller would connect it (provider, external id, name, location, branch). */
  spec: Pick<SourceRow, "provider" | "externalId" | "fullName" | "location" | "branch">;
  /** The branch head the sync would target, resolved by the caller. */
  head: string;
  /** The config at `head` (its tributary.yml, or the defaults), parsed as a sync would. */
  config: TributaryConfig;
  trigger: "cli";
  now: () => Date;
}

/** Why a sync cannot be recorded as unchanged without running it; `null` when it was. */
export type NotUnchanged =
  | "new-source"
  | "source-changed"
  | "lease-held"
  | "needs-reconcile"
  | "new-commit"
  | "pending-requests"
  | "last-job-not-succeeded"
  | "unsettled-files"
  | "config-changed";

/**
 * A sync of a git source whose branch head is the commit its last job indexed completely, with
 * the same config, plans nothing: source.plan's scoped diff (plan.ts, changedScope) is empty and
 * no file is waiting to be taken up again. This checks exactly those conditions — the last job
 * succeeded at `head`, no job died or was superseded since (needs_reconcile, lease), no request
 * is queued, no document failed or lacks its redaction record, the config equals the stored
 * one — and, only when all hold, records in one transaction what the full sync would have
 * recorded: a consumed request, a succeeded job (files seen and unchanged as the plan counts them,
 * nothing indexed), the source's last sync time, and the `sync.succeeded` activity.
 *
 * The caller must own the database exclusively for the duration (the CLI's PGlite data-directory
 * lock): nothing here takes the source's lease.
 */
export async function recordUnchangedSync(db: Db, input: UnchangedSyncInput): Promise<{ job: SyncJobRow; source: SourceRow } | NotUnchanged> {
  return db.transaction(async (tx) => {
    const [source] = await tx
      .select()
      .from(schema.sources)
      .where(
        and(
          eq(schema.sources.workspaceId, input.workspaceId),
          eq(schema.sources.provider, input.spec.provider),
          eq(schema.sources.externalId, input.spec.externalId),
        ),
      );
    if (!source || source.syncedCommit === null) return "new-source";
    const { spec } = input;
    if (
      source.status !== "active" ||
      source.storeId !== input.storeId ||
      source.fullName !== spec.fullName ||
      source.location !== spec.location ||
      source.branch !== spec.branch
    )
      return "source-changed";
    if (source.leaseHolder !== null) return "lease-held";
    if (source.needsReconcile) return "needs-reconcile";
    if (source.syncedCommit !== input.head) return "new-commit";
    const [pending] = await tx
      .select({ id: schema.syncRequests.id })
      .from(schema.syncRequests)
      .where(and(eq(schema.syncRequests.sourceId, source.id), isNull(schema.syncRequests.consumedByJobId)))
      .limit(1);
    if (pending) return "pending-requests";
    const [last] = await tx
      .select({ status: schema.syncJobs.status, targetCommit: schema.syncJobs.targetCommit, filesSeen: schema.syncJobs.filesSeen })
      .from(schema.syncJobs)
      .where(eq(schema.syncJobs.sourceId, source.id))
      .orderBy(desc(schema.syncJobs.createdAt))
      .limit(1);
    if (last?.status !== "succeeded" || last.targetCommit !== input.head) return "last-job-not-succeeded";
    // The files a plan takes up again although their blob did not change (plan.ts, changedScope).
    const [unsettled] = await tx.select({ path: schema.documents.path }).from(schema.documents).where(unsettledDocuments(source.id)).limit(1);
    if (unsettled) return "unsettled-files";
    if (configDiffers(source, input.config)) return "config-changed";

    const [clean] = await tx
      .select({ n: count() })
      .from(schema.documents)
      .where(and(eq(schema.documents.sourceId, source.id), eq(schema.documents.outcome, "indexed"), isNotNull(schema.documents.redactions)));
    const startedAt = input.now();
    const [job] = await tx
      .insert(schema.syncJobs)
      .values({
        sourceId: source.id,
        trigger: input.trigger,
        requestedSha: null,
        baseCommit: source.syncedCommit,
        targetCommit: input.head,
        status: "succeeded",
        filesSeen: last.filesSeen,
        filesUnchanged: clean?.n ?? 0,
        startedAt,
        finishedAt: input.now(),
      })
      .returning();
    await tx.insert(schema.syncRequests).values({ sourceId: source.id, requestedSha: null, trigger: input.trigger, consumedByJobId: job!.id });
    const [updated] = await tx.update(schema.sources).set({ syncedAt: job!.finishedAt, lastError: null }).where(eq(schema.sources.id, source.id)).returning();
    await tx.insert(schema.activities).values({
      workspaceId: source.workspaceId,
      actor: "system",
      action: "sync.succeeded",
      subjectType: "source",
      subjectId: source.id,
      data: {
        jobId: job!.id,
        commit: input.head,
        files: { seen: job!.filesSeen, indexed: 0, unchanged: job!.filesUnchanged, deleted: 0, failed: 0, skipped: {} },
        trigger: input.trigger,
      },
      createdAt: job!.finishedAt!,
    });
    return { job: job!, source: updated! };
  });
}
