import { deleteLexicalPaths, deleteLexicalVectorIds, schema } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";
import { and, desc, eq, inArray, notInArray } from "drizzle-orm";
import { loadSourceContext } from "./context";
import type { SyncDeps } from "./deps";
import { heartbeat, withLease } from "./lease";
import { accountVectors } from "./vector-accounting";
import { itemsNoLongerLive } from "../items/live-items";
import { isItemProvider } from "../items/registry";

const DELETE_IDS = 1000;
const OPEN_JOB_STATUSES = ["queued", "running"] as const;

export interface CleanupPlan {
  /** The commit the tree was listed at; null when no complete sync stands behind the manifest. */
  commit: string | null;
  documents: number;
  storedVectors: number;
  documentsOutsideTree: string[];
  orphanVectors: string[];
  /** Vectors the manifest expects but the store lacks (the next flagged sync re-indexes them). */
  missingVectors: number;
}

export type SourceCleanupResult =
  | { status: "cleaned"; commit: string | null; documentsDeleted: number; vectorsDeleted: number; stagingDeleted: number; missingVectors: number }
  | { status: "refused"; reason: string; documents: number; documentsOutsideTree: number; storedVectors: number; orphanVectors: number };

/**
 * cleanup.stale for one source, run by a holder of its lease: lists the tree at the synced commit
 * and removes what the index holds beyond it — documents not in that tree, vectors no document
 * accounts for (including stale chunk ids of shrunk files) and contents staged by ended jobs.
 * A plan that would delete more than half of the source's documents or vectors is refused
 * (a token that lost access lists nothing) unless `force` is given.
 */
export async function cleanupSourceIndex(deps: SyncDeps, sourceId: string, holder: string, options: { force?: boolean } = {}): Promise<SourceCleanupResult> {
  await heartbeat(deps, holder);
  const plan = await planSourceCleanup(deps, sourceId);
  const refusal = massDeletionReason(plan);
  if (refusal && !options.force) {
    return {
      status: "refused",
      reason: refusal,
      documents: plan.documents,
      documentsOutsideTree: plan.documentsOutsideTree.length,
      storedVectors: plan.storedVectors,
      orphanVectors: plan.orphanVectors.length,
    };
  }
  const { store } = await loadSourceContext(deps.db, sourceId);
  const vectorStore = deps.vectorStore(store);
  for (let i = 0; i < plan.orphanVectors.length; i += DELETE_IDS) {
    // Vector deletes are not in the database transaction: check the lease before each request.
    await heartbeat(deps, holder);
    await vectorStore.deleteIds(plan.orphanVectors.slice(i, i + DELETE_IDS));
  }
  const { documentsDeleted, stagingDeleted } = await withLease(deps.db, holder, async (tx) => {
    let documentsDeleted = 0;
    const paths = plan.documentsOutsideTree;
    for (let i = 0; i < paths.length; i += DELETE_IDS) {
      const slice = paths.slice(i, i + DELETE_IDS);
      const removed = await tx
        .delete(schema.documents)
        .where(and(eq(schema.documents.sourceId, sourceId), inArray(schema.documents.path, slice)))
        .returning({ id: schema.documents.id });
      await tx.delete(schema.relationships).where(and(eq(schema.relationships.sourceId, sourceId), inArray(schema.relationships.fromPath, slice)));
      documentsDeleted += removed.length;
    }
    // The lexical index follows the manifest and the vectors, or search would find deleted documents.
    await deleteLexicalPaths(tx, sourceId, paths);
    await deleteLexicalVectorIds(tx, sourceId, plan.orphanVectors);
    const staged = await tx
      .delete(schema.blobStaging)
      .where(
        inArray(
          schema.blobStaging.jobId,
          tx
            .select({ id: schema.syncJobs.id })
            .from(schema.syncJobs)
            .where(and(eq(schema.syncJobs.sourceId, sourceId), notInArray(schema.syncJobs.status, [...OPEN_JOB_STATUSES]))),
        ),
      )
      .returning({ sha: schema.blobStaging.sha });
    return { documentsDeleted, stagingDeleted: staged.length };
  });
  return {
    status: "cleaned",
    commit: plan.commit,
    documentsDeleted,
    vectorsDeleted: plan.orphanVectors.length,
    stagingDeleted,
    missingVectors: plan.missingVectors,
  };
}

/**
 * What a cleanup would delete. The tree is compared only when the newest finished job succeeded
 * at the synced commit: after a partial or failed sync the manifest may already hold files of a
 * newer commit, which the synced commit's tree would wrongly call stale.
 */
export async function planSourceCleanup(deps: SyncDeps, sourceId: string): Promise<CleanupPlan> {
  const { source, store } = await loadSourceContext(deps.db, sourceId);
  const manifest = await deps.db
    .select({
      path: schema.documents.path,
      sha: schema.documents.blobSha,
      outcome: schema.documents.outcome,
      chunkHashes: schema.documents.chunkHashes,
      externalId: schema.documents.externalId,
    })
    .from(schema.documents)
    .where(eq(schema.documents.sourceId, sourceId));
  const [lastJob] = await deps.db
    .select({ status: schema.syncJobs.status, targetCommit: schema.syncJobs.targetCommit })
    .from(schema.syncJobs)
    .where(and(eq(schema.syncJobs.sourceId, sourceId), notInArray(schema.syncJobs.status, [...OPEN_JOB_STATUSES, "superseded", "cancelled"])))
    .orderBy(desc(schema.syncJobs.createdAt))
    .limit(1);
  const commit = source.syncedCommit && lastJob?.status === "succeeded" && lastJob.targetCommit === source.syncedCommit ? source.syncedCommit : null;

  let documentsOutsideTree: string[] = [];
  if (commit && isItemProvider(source.provider)) {
    documentsOutsideTree = await itemsNoLongerLive(deps, source, manifest);
  } else if (commit) {
    const snapshot = await deps.sourceAdapter(source).snapshot(commit);
    const inTree = new Set(snapshot.entries.map((e) => e.path));
    documentsOutsideTree = manifest.filter((doc) => !inTree.has(doc.path)).map((doc) => doc.path);
  }
  const outside = new Set(documentsOutsideTree);
  const stored = await deps.vectorStore(store).listIds(sourceVectorPrefix(sourceId));
  const kept = manifest.filter((doc) => !outside.has(doc.path));
  const { expected, orphans } = accountVectors(sourceId, kept, stored);
  const storedSet = new Set(stored);
  let missingVectors = 0;
  for (const id of expected.keys()) if (!storedSet.has(id)) missingVectors++;
  return { commit, documents: manifest.length, storedVectors: stored.length, documentsOutsideTree, orphanVectors: orphans, missingVectors };
}

/** Why a plan deletes too much to run unattended, or null. */
export function massDeletionReason(plan: Pick<CleanupPlan, "documents" | "documentsOutsideTree" | "storedVectors" | "orphanVectors">): string | null {
  if (plan.documentsOutsideTree.length * 2 > plan.documents) {
    return `would delete ${plan.documentsOutsideTree.length} of ${plan.documents} documents (more than half): the tree listing may be incomplete, e.g. a token that lost access`;
  }
  if (plan.orphanVectors.length * 2 > plan.storedVectors) {
    return `would delete ${plan.orphanVectors.length} of ${plan.storedVectors} vectors (more than half): the manifest may be incomplete`;
  }
  return null;
}
