import { schema, type Db } from "@repo/console-db";
import { documentVectorPrefix, sourceVectorPrefix } from "@repo/console-types";
import { and, eq, inArray, ne } from "drizzle-orm";
import { loadJobContext, loadSourceContext } from "./context";
import type { SyncDeps } from "./deps";

/**
 * documents.delete for one delete batch: removes each path's vectors (by id prefix, so nothing of
 * any version survives), its manifest row and its edges. A path that is still in the tree but now
 * excluded keeps the "skipped" row github.sync wrote for it.
 */
export async function deleteBatchDocuments(deps: SyncDeps, jobId: string, batchId: string): Promise<{ deleted: number; vectors: number; seq: number }> {
  const { source, store } = await loadJobContext(deps.db, jobId);
  const [batch] = await deps.db.select().from(schema.syncBatches).where(eq(schema.syncBatches.id, batchId));
  if (!batch) throw new Error(`batch ${batchId} does not exist`);
  const vectorStore = deps.vectorStore(store);
  let vectors = 0;
  for (const file of batch.files) vectors += await vectorStore.deleteByPrefix(documentVectorPrefix(source.id, file.path));
  const paths = batch.files.map((f) => f.path);
  await deps.db
    .delete(schema.documents)
    .where(and(eq(schema.documents.sourceId, source.id), inArray(schema.documents.path, paths), ne(schema.documents.outcome, "skipped")));
  await deps.db.delete(schema.relationships).where(and(eq(schema.relationships.sourceId, source.id), inArray(schema.relationships.fromPath, paths)));
  const stillSkipped = new Set(
    (await deps.db.select({ path: schema.documents.path }).from(schema.documents).where(and(eq(schema.documents.sourceId, source.id), inArray(schema.documents.path, paths)))).map((r) => r.path),
  );
  const gone = paths.filter((p) => !stillSkipped.has(p));
  if (gone.length > 0) {
    await deps.db
      .insert(schema.syncJobFiles)
      .values(gone.map((path) => ({ jobId, path, outcome: "deleted" as const, batchSeq: batch.seq })))
      .onConflictDoNothing();
  }
  return { deleted: gone.length, vectors, seq: batch.seq };
}

/** Removes everything a source put in the index (a removed source). */
export async function deleteSourceDocuments(deps: SyncDeps, sourceId: string): Promise<{ documents: number; vectors: number }> {
  const { source, store } = await loadSourceContext(deps.db, sourceId);
  const vectors = await deps.vectorStore(store).deleteByPrefix(sourceVectorPrefix(source.id));
  const removed = await deps.db.delete(schema.documents).where(eq(schema.documents.sourceId, source.id)).returning({ id: schema.documents.id });
  await deps.db.delete(schema.relationships).where(eq(schema.relationships.sourceId, source.id));
  return { documents: removed.length, vectors };
}
