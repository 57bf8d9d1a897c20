import { createEmbeddingCache, replaceLexicalChunks, schema, type Db, type DbExecutor, type LexicalChunkInput } from "@repo/console-db";
import { documentVectorPrefix, vectorId, type VectorRecord } from "@repo/console-types";
import { and, eq, inArray } from "drizzle-orm";
import type { ChunkedBatch, ChunkedFile } from "./chunk-batch";
import type { JobContext } from "./context";
import type { SyncDeps } from "./deps";
import { cacheScope, textHashOf } from "./embed-batch";
import { withLease } from "./lease";
import { recordFailures, recordJobFiles, upsertDocuments } from "./outcomes";
import { recordStage, timed } from "./stage-timings";
import { writeSizesOf } from "./write-sizes";

const SNIPPET_CHARS = 400;

export interface IndexBatchResult {
  indexed: number;
  failed: number;
  skipped: number;
  vectorsUpserted: number;
  vectorsDeleted: number;
}

/**
 * Writes a batch into the index: upserts the vectors of every good file (from the embedding
 * cache), removes the vectors of chunks that disappeared, then records the manifest rows. A
 * failed file keeps its previous vectors and manifest version (the last good index stays) and is
 * marked failed so the next sync picks it up again.
 */
export async function indexBatch(
  deps: SyncDeps,
  context: JobContext,
  batch: ChunkedBatch,
  failures: ReadonlyArray<{ path: string; error: string; retryable?: boolean }>,
  batchSeq: number,
  /** The batch's vectors by text hash when the embed step ran in this process (else read from the cache). */
  knownVectors?: ReadonlyMap<string, number[]>,
): Promise<IndexBatchResult> {
  const failedPaths = new Map([...batch.failed.map((f) => [f.file.path, f.error] as const), ...failures.map((f) => [f.path, f.error] as const)]);
  const permanent = new Set(failures.filter((f) => f.retryable === false).map((f) => f.path));
  const good = batch.files.filter((f) => !failedPaths.has(f.file.path));
  const store = deps.vectorStore(context.store);
  const hashes = [...new Set(good.flatMap((f) => f.chunks.map((_, i) => textHashOf(f, i))))];
  const vectors =
    knownVectors && hashes.every((h) => knownVectors.has(h)) ? knownVectors : await createEmbeddingCache(deps.db).getMany(cacheScope(context), hashes);

  const sizes = writeSizesOf(deps.writeSizes);
  let upserted = 0;
  let deleted = 0;
  let pending: VectorRecord[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const records = pending;
    await timed("vector-write", () => store.upsert(records));
    upserted += pending.length;
    pending = [];
  };
  for (const file of good) {
    for (const record of vectorRecords(context, file, vectors)) {
      pending.push(record);
      if (pending.length >= sizes.vectorsPerUpsert) await flush();
    }
  }
  await flush();

  // Stale vectors: the previous version's ids from the manifest, except for a failed document,
  // whose stored vectors the manifest may not describe: there the document's ids are listed.
  // (Whatever a dead or superseded job left elsewhere is found by the source's reconcile.)
  const previous = await previousVersions(
    deps.db,
    context,
    good.map((f) => f.file.path),
  );
  for (const file of good) {
    const keep = new Set(vectorIdsOf(context.source.id, file));
    const before = previous.get(file.file.path);
    const existing =
      before?.outcome === "failed"
        ? await store.listIds(documentVectorPrefix(context.source.id, file.file.path))
        : before
          ? vectorIdsOf(context.source.id, { file: file.file, chunks: before.chunkHashes.map((hash) => ({ hash })) })
          : [];
    const stale = existing.filter((id) => !keep.has(id));
    if (stale.length > 0) await timed("vector-write", () => store.deleteIds(stale));
    deleted += stale.length;
  }
  // A modified file that turned out to be binary, empty or too large loses its old vectors.
  for (const file of batch.skipped) {
    if (file.action === "modify") deleted += await store.deleteByPrefix(documentVectorPrefix(context.source.id, file.path));
  }

  const shaOf = new Map([...batch.files.map((f) => [f.file.path, f.file.sha] as const), ...batch.failed.map((f) => [f.file.path, f.file.sha] as const)]);
  // Only while the job still holds its source: a superseded job's manifest would roll it back.
  // One transaction per group of files, each file's manifest row and lexical rows in the same one:
  // on PGlite's single connection a page or webhook waits for at most one short transaction
  // instead of the whole batch's (a re-run rewrites every file of the batch, so a batch cut short
  // between groups converges like one cut short before its transaction).
  const manifestStarted = performance.now();
  for (const group of manifestGroups(good, sizes.manifestChunks)) {
    await withLease(deps.db, context.job.id, async (tx) => {
      await writeManifest(tx, context, group);
      // The lexical index changes with the manifest: good files get their new chunks.
      await replaceLexicalChunks(
        tx,
        context.source.id,
        group.map((f) => f.file.path),
        group.flatMap((f) => lexicalChunksOf(context, f)),
      );
      await recordJobFiles(
        tx,
        context.job.id,
        group.map((f) => ({ path: f.file.path, outcome: "indexed" as const, redactions: f.redactions })),
        batchSeq,
      );
    });
  }
  await withLease(deps.db, context.job.id, async (tx) => {
    // A modified file that became unindexable loses its lexical rows; a failed file keeps its last good ones.
    const unindexable = batch.skipped.filter((f) => f.action === "modify").map((f) => f.path);
    if (unindexable.length > 0) await replaceLexicalChunks(tx, context.source.id, unindexable, []);
    await recordFailures(tx, {
      jobId: context.job.id,
      sourceId: context.source.id,
      commit: context.job.targetCommit ?? "",
      failures: [...failedPaths].map(([path, error]) => ({ path, error, sha: shaOf.get(path) ?? "", retryable: !permanent.has(path) })),
      batchSeq,
    });
  });
  recordStage("manifest", performance.now() - manifestStarted);
  return { indexed: good.length, failed: failedPaths.size, skipped: batch.skipped.length, vectorsUpserted: upserted, vectorsDeleted: deleted };
}

function* vectorRecords(context: JobContext, file: ChunkedFile, vectors: ReadonlyMap<string, number[]>): Generator<VectorRecord> {
  const ids = vectorIdsOf(context.source.id, file);
  for (const [i, chunk] of file.chunks.entries()) {
    const values = vectors.get(textHashOf(file, i));
    if (!values) throw new Error(`no cached embedding for a chunk of ${file.file.path}; the embed step must run first`);
    yield {
      id: ids[i]!,
      values,
      metadata: {
        sourceId: context.source.id,
        documentId: `${context.source.id}:${file.file.path}`,
        path: file.file.path,
        startLine: chunk.startLine,
        endLine: chunk.endLine,
        commit: context.job.targetCommit ?? "",
        chunkHash: chunk.hash,
        ...(file.file.url ? { url: file.file.url } : {}),
        ...(chunk.context ? { context: chunk.context } : {}),
        snippet: chunk.text.slice(0, SNIPPET_CHARS),
      },
    };
  }
}

function lexicalChunksOf(context: JobContext, file: ChunkedFile): LexicalChunkInput[] {
  const ids = vectorIdsOf(context.source.id, file);
  return file.chunks.map((chunk, i) => ({
    vectorId: ids[i]!,
    path: file.file.path,
    startLine: chunk.startLine,
    endLine: chunk.endLine,
    commit: context.job.targetCommit ?? "",
    text: chunk.text,
    ...(chunk.context ? { context: chunk.context } : {}),
    ...(file.lexical?.[i] ? { lexical: file.lexical[i] } : {}),
  }));
}

/** The batch's good files in groups of at most `maxChunks` chunks (one file with more gets a group of its own), in order. */
function manifestGroups(files: readonly ChunkedFile[], maxChunks: number): ChunkedFile[][] {
  const groups: ChunkedFile[][] = [];
  let current: ChunkedFile[] = [];
  let chunks = 0;
  for (const file of files) {
    if (current.length > 0 && chunks + file.chunks.length > maxChunks) {
      groups.push(current);
      current = [];
      chunks = 0;
    }
    current.push(file);
    chunks += file.chunks.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Ids in chunk order; identical chunks in one file get ordinals 0, 1, 2… */
export function vectorIdsOf(sourceId: string, file: { file: { path: string }; chunks: ReadonlyArray<{ hash: string }> }): string[] {
  const seen = new Map<string, number>();
  return file.chunks.map((chunk) => {
    const ordinal = seen.get(chunk.hash) ?? 0;
    seen.set(chunk.hash, ordinal + 1);
    return vectorId(sourceId, file.file.path, chunk.hash, ordinal);
  });
}

async function writeManifest(db: DbExecutor, context: JobContext, good: readonly ChunkedFile[]): Promise<void> {
  await upsertDocuments(
    db,
    good.map((f) => ({
      sourceId: context.source.id,
      path: f.file.path,
      blobSha: f.file.sha,
      contentHash: null,
      chunkHashes: f.chunks.map((c) => c.hash),
      chunkCount: f.chunks.length,
      tokenCount: f.chunks.reduce((n, c) => n + c.tokenCount, 0),
      bytes: f.bytes,
      outcome: "indexed" as const,
      reason: null,
      error: null,
      redactions: f.redactions,
      commit: context.job.targetCommit ?? "",
      ...(f.file.externalId ? { externalId: f.file.externalId } : {}),
      ...(f.file.url ? { url: f.file.url } : {}),
    })),
  );
}

async function previousVersions(db: Db, context: JobContext, paths: readonly string[]) {
  if (paths.length === 0) return new Map<string, { outcome: string; chunkHashes: string[] }>();
  const rows = await db
    .select({ path: schema.documents.path, outcome: schema.documents.outcome, chunkHashes: schema.documents.chunkHashes })
    .from(schema.documents)
    .where(and(eq(schema.documents.sourceId, context.source.id), inArray(schema.documents.path, [...paths])));
  return new Map(rows.map((r) => [r.path, r]));
}
