import { schema } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";
import { eq } from "drizzle-orm";
import { loadJobContext } from "./context";
import type { SyncDeps } from "./deps";
import { heartbeat, holdsLease, withLease } from "./lease";
import { recordFailures } from "./outcomes";
import { accountVectors } from "./vector-accounting";

const DELETE_IDS = 1000;

export interface ReconcileResult {
  /** Whether the source was flagged (nothing is listed otherwise). */
  ran: boolean;
  /** Stored vectors no manifest row accounts for, now deleted. */
  orphansDeleted: number;
  /** Documents whose vectors were incomplete, now marked failed so the next sync re-indexes them. */
  documentsMissingVectors: number;
}

/**
 * Makes a flagged source's vectors agree with its manifest: lists every stored id of the source,
 * deletes the ones no document version accounts for, and marks documents with missing vectors as
 * failed (the job ends partial and the next sync re-indexes exactly those). The flag is cleared
 * first, so a superseded job that writes while this runs flags the source again.
 */
export async function reconcileSourceVectors(deps: SyncDeps, jobId: string): Promise<ReconcileResult> {
  const skipped = { ran: false, orphansDeleted: 0, documentsMissingVectors: 0 };
  // A superseded job leaves the reconcile to the holder.
  if (!(await holdsLease(deps.db, jobId))) return skipped;
  await heartbeat(deps, jobId);
  const { job, source, store } = await loadJobContext(deps.db, jobId);
  const flagged = await withLease(deps.db, jobId, async (tx) => {
    const [row] = await tx.select({ needsReconcile: schema.sources.needsReconcile }).from(schema.sources).where(eq(schema.sources.id, source.id));
    if (row?.needsReconcile) await tx.update(schema.sources).set({ needsReconcile: false }).where(eq(schema.sources.id, source.id));
    return row?.needsReconcile ?? false;
  });
  if (!flagged) return skipped;

  const manifest = await deps.db
    .select({ path: schema.documents.path, sha: schema.documents.blobSha, outcome: schema.documents.outcome, chunkHashes: schema.documents.chunkHashes })
    .from(schema.documents)
    .where(eq(schema.documents.sourceId, source.id));
  const vectorStore = deps.vectorStore(store);
  const stored = new Set(await vectorStore.listIds(sourceVectorPrefix(source.id)));

  const { expected, orphans } = accountVectors(source.id, manifest, stored);
  for (let i = 0; i < orphans.length; i += DELETE_IDS) await vectorStore.deleteIds(orphans.slice(i, i + DELETE_IDS));

  const incomplete = new Map<string, string>();
  for (const [id, doc] of expected) if (!stored.has(id)) incomplete.set(doc.path, doc.sha);
  if (incomplete.size > 0) {
    await withLease(deps.db, jobId, async (tx) => {
      await recordFailures(tx, {
        jobId,
        sourceId: source.id,
        commit: job.targetCommit ?? "",
        failures: [...incomplete].map(([path, sha]) => ({
          path,
          sha,
          error: "vectors missing: found by the reconcile after an interrupted sync; the next sync re-indexes it",
        })),
      });
      // The follow-up re-indexes exactly these documents (it runs when this job releases the source).
      await tx.insert(schema.syncRequests).values({ sourceId: source.id, requestedSha: null, trigger: "reconcile" });
    });
  }
  return { ran: true, orphansDeleted: orphans.length, documentsMissingVectors: incomplete.size };
}
