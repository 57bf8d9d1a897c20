import { insertColumns, newId, schema, type DbExecutor } from "@repo/console-db";
import type { SkipReason } from "@repo/console-types";
import { sql } from "drizzle-orm";

export interface SkipRecord {
  path: string;
  sha: string;
  reason: SkipReason;
  detail?: string;
  /** Item sources: the skipped item's id and link. */
  externalId?: string;
  url?: string;
}

export interface FileResult {
  path: string;
  outcome: "indexed" | "unchanged" | "skipped" | "failed" | "deleted";
  reason?: string | null;
  error?: string | null;
  /** Secret kind → count replaced before staging (indexed files). */
  redactions?: Record<string, number> | null;
}

// Postgres caps a statement at 65,535 parameters; rows here have ~10 columns.
const ROWS_PER_INSERT = 500;
/**
 * Rows per insert sent column by column (insertColumns: one array parameter per column). drizzle's
 * insert builder spent ~1 s of a 3,000-file CLI sync's writing thread walking the ~60,000 values
 * of the manifest's and the job's file rows one by one.
 */
const COLUMN_ROWS_PER_INSERT = 1000;

function* slices<T>(items: readonly T[], size = ROWS_PER_INSERT): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const JOB_FILE_COLUMNS = { job_id: "text", path: "text", outcome: "text", reason: "text", error: "text", redactions: "jsonb", batch_seq: "integer" } as const;

/** Per-file outcomes of a job; a retried batch overwrites its own rows. */
export async function recordJobFiles(db: DbExecutor, jobId: string, results: readonly FileResult[], batchSeq: number | null = null): Promise<void> {
  for (const slice of slices(results, COLUMN_ROWS_PER_INSERT)) {
    const rows = slice.map((r) => ({
      job_id: jobId,
      path: r.path,
      outcome: r.outcome,
      reason: r.reason ?? null,
      error: r.error ?? null,
      redactions: r.redactions ? JSON.stringify(r.redactions) : null,
      batch_seq: batchSeq,
    }));
    await db.execute(sql`${insertColumns(schema.syncJobFiles, JOB_FILE_COLUMNS, rows)}
      on conflict (job_id, path) do update set outcome = excluded.outcome, reason = excluded.reason, error = excluded.error,
        redactions = excluded.redactions, batch_seq = excluded.batch_seq`);
  }
}

/** Skipped files get a manifest row (so the console can say why a file is missing) and a job row. */
export async function recordSkips(
  db: DbExecutor,
  input: { jobId: string; sourceId: string; commit: string; skips: readonly SkipRecord[]; batchSeq?: number },
): Promise<void> {
  await upsertDocuments(
    db,
    input.skips.map((s) => ({
      sourceId: input.sourceId,
      path: s.path,
      blobSha: s.sha,
      contentHash: null,
      chunkHashes: [],
      chunkCount: 0,
      tokenCount: 0,
      bytes: 0,
      outcome: "skipped" as const,
      reason: s.reason,
      error: s.detail ?? null,
      redactions: null,
      commit: input.commit,
      ...(s.externalId ? { externalId: s.externalId } : {}),
      ...(s.url ? { url: s.url } : {}),
    })),
  );
  await recordJobFiles(
    db,
    input.jobId,
    input.skips.map((s) => ({ path: s.path, outcome: "skipped", reason: s.reason, error: s.detail ?? null })),
    input.batchSeq ?? null,
  );
}

/** The reason of a failed file that retrying cannot fix (a rejected key or input): recovery leaves it alone. */
export const PERMANENT_FAILURE = "permanent";

/**
 * Marks files failed. A file that had a good version keeps its blob sha and chunk hashes (its
 * vectors stay searchable); only the outcome changes, which takes it out of the manifest the next
 * diff compares against, so the next sync processes it again.
 */
export async function recordFailures(
  db: DbExecutor,
  input: {
    jobId: string;
    sourceId: string;
    commit: string;
    failures: ReadonlyArray<{ path: string; sha: string; error: string; retryable?: boolean }>;
    batchSeq?: number;
  },
): Promise<void> {
  for (const slice of slices(input.failures)) {
    await db
      .insert(schema.documents)
      .values(slice.map((f) => ({ sourceId: input.sourceId, path: f.path, blobSha: f.sha, outcome: "failed" as const, error: f.error, commit: input.commit })))
      .onConflictDoUpdate({
        target: [schema.documents.sourceId, schema.documents.path],
        set: { outcome: sql`'failed'`, error: sql`excluded.error`, updatedAt: sql`now()` },
      });
  }
  await recordJobFiles(
    db,
    input.jobId,
    input.failures.map((f) => ({ path: f.path, outcome: "failed", error: f.error, reason: f.retryable === false ? PERMANENT_FAILURE : null })),
    input.batchSeq ?? null,
  );
}

type DocumentVersion = Required<Omit<typeof schema.documents.$inferInsert, "id" | "createdAt" | "updatedAt" | "externalId" | "url">> &
  Pick<typeof schema.documents.$inferInsert, "externalId" | "url">;

const DOCUMENT_COLUMNS = {
  id: "text",
  source_id: "text",
  path: "text",
  blob_sha: "text",
  content_hash: "text",
  chunk_hashes: "jsonb",
  chunk_count: "integer",
  token_count: "integer",
  bytes: "integer",
  outcome: "text",
  reason: "text",
  error: "text",
  redactions: "jsonb",
  external_id: "text",
  url: "text",
  commit: "text",
} as const;

/** Writes manifest rows whole: every column of a (source, path) row is replaced by the new version. */
export async function upsertDocuments(db: DbExecutor, versions: readonly DocumentVersion[]): Promise<void> {
  for (const slice of slices(versions, COLUMN_ROWS_PER_INSERT)) {
    const rows = slice.map((d) => ({
      id: newId("doc"),
      source_id: d.sourceId,
      path: d.path,
      blob_sha: d.blobSha,
      content_hash: d.contentHash,
      chunk_hashes: JSON.stringify(d.chunkHashes),
      chunk_count: d.chunkCount,
      token_count: d.tokenCount,
      bytes: d.bytes,
      outcome: d.outcome,
      reason: d.reason,
      error: d.error,
      redactions: d.redactions === null ? null : JSON.stringify(d.redactions),
      external_id: d.externalId ?? null,
      url: d.url ?? null,
      commit: d.commit,
    }));
    // Item sources: a write that does not know the item (a failure record) keeps what the row had.
    await db.execute(sql`${insertColumns(schema.documents, DOCUMENT_COLUMNS, rows)}
      on conflict (source_id, path) do update set blob_sha = excluded.blob_sha, content_hash = excluded.content_hash,
        chunk_hashes = excluded.chunk_hashes, chunk_count = excluded.chunk_count, token_count = excluded.token_count,
        bytes = excluded.bytes, outcome = excluded.outcome, reason = excluded.reason, error = excluded.error,
        redactions = excluded.redactions, commit = excluded.commit,
        external_id = coalesce(excluded.external_id, ${schema.documents}.external_id), url = coalesce(excluded.url, ${schema.documents}.url),
        updated_at = now()`);
  }
}
