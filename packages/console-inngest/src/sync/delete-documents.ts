import { deleteLexicalPaths, deleteLexicalSource, schema, type DbExecutor } from "@repo/console-db";
import { documentVectorPrefix, sourceVectorPrefix } from "@repo/console-types";
import { and, eq, inArray, ne } from "drizzle-orm";
import { loadJobContext, loadSourceContext } from "./context";
import type { SyncDeps } from "./deps";
import { heartbeat, releaseSource, removalHolder, withLease, type ReleaseResult } from "./lease";

/**
 * documents.delete for one delete batch: removes each path's vectors (by id prefix, so nothing of
 * any version survives), its manifest row and its edges. A path that is still in the tree but now
 * excluded keeps the "skipped" row source.plan wrote for it.
 */
export async function deleteBatchDocuments(deps: SyncDeps, jobId: string, batchId: string): Promise<{ deleted: number; vectors: number; seq: number }> {
  const { source, store } = await loadJobContext(deps.db, jobId);
  const [batch] = await deps.db.select().from(schema.syncBatches).where(eq(schema.syncBatches.id, batchId));
  if (!batch) throw new Error(`batch ${batchId} does not exist`);
  const vectorStore = deps.vectorStore(store);
  let vectors = 0;
  for (const file of batch.files) vectors += await vectorStore.deleteByPrefix(documentVectorPrefix(source.id, file.path));
  const paths = batch.files.map((f) => f.path);
  const gone = await withLease(deps.db, jobId, async (tx) => {
    await tx
      .delete(schema.documents)
      .where(and(eq(schema.documents.sourceId, source.id), inArray(schema.documents.path, paths), ne(schema.documents.outcome, "skipped")));
    await tx.delete(schema.relationships).where(and(eq(schema.relationships.sourceId, source.id), inArray(schema.relationships.fromPath, paths)));
    await deleteLexicalPaths(tx, source.id, paths);
    const stillSkipped = new Set(
      (
        await tx
          .select({ path: schema.documents.path })
          .from(schema.documents)
          .where(and(eq(schema.documents.sourceId, source.id), inArray(schema.documents.path, paths)))
      ).map((r) => r.path),
    );
    const gone = paths.filter((p) => !stillSkipped.has(p));
    if (gone.length > 0) {
      await tx
        .insert(schema.syncJobFiles)
        .values(gone.map((path) => ({ jobId, path, outcome: "deleted" as const, batchSeq: batch.seq })))
        .onConflictDoNothing();
    }
    return gone;
  });
  return { deleted: gone.length, vectors, seq: batch.seq };
}

/** Removes everything a source put in the index, for whoever holds it (a removal, or a job finishing one). */
export async function clearSourceIndex(deps: SyncDeps, sourceId: string, holder: string): Promise<{ documents: number; vectors: number }> {
  await heartbeat(deps, holder);
  const { source, store } = await loadSourceContext(deps.db, sourceId);
  const vectors = await deps.vectorStore(store).deleteByPrefix(sourceVectorPrefix(source.id));
  const documents = await withLease(deps.db, holder, (tx) => deleteSourceRows(tx, source.id));
  return { documents, vectors };
}

async function deleteSourceRows(tx: DbExecutor, sourceId: string): Promise<number> {
  const removed = await tx.delete(schema.documents).where(eq(schema.documents.sourceId, sourceId)).returning({ id: schema.documents.id });
  await tx.delete(schema.relationships).where(eq(schema.relationships.sourceId, sourceId));
  await deleteLexicalSource(tx, sourceId);
  return removed.length;
}

/**
 * documents.delete for a removed source: clears its index under the removal's lease, then
 * releases the source (a reconnect's sync waits for this, so it never races the deletion).
 */
export async function deleteRemovedSource(
  deps: SyncDeps,
  sourceId: string,
  connection: number,
): Promise<{ documents: number; vectors: number } & ReleaseResult> {
  const holder = removalHolder(connection);
  const cleared = await clearSourceIndex(deps, sourceId, holder);
  return { ...cleared, ...(await releaseSource(deps.db, sourceId, holder)) };
}
