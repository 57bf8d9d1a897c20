import { schema, type DbExecutor } from "@repo/console-db";
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

function* slices<T>(items: readonly T[], size = ROWS_PER_INSERT): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Per-file outcomes of a job; a retried batch overwrites its own rows. */
export async function recordJobFiles(db: DbExecutor, jobId: string, results: readonly FileResult[], batchSeq: number | null = null): Promise<void> {
  for (const slice of slices(results)) {
    await db
      .insert(schema.syncJobFiles)
      .values(
        slice.map((r) => ({
          jobId,
          path: r.path,
          outcome: r.outcome,
          reason: r.reason ?? null,
          error: r.error ?? null,
          redactions: r.redactions ?? null,
          batchSeq,
        })),
      )
      .onConflictDoUpdate({
        target: [schema.syncJobFiles.jobId, schema.syncJobFiles.path],
        set: {
          outcome: sql`excluded.outcome`,
          reason: sql`excluded.reason`,
          error: sql`excluded.error`,
          redactions: sql`excluded.redactions`,
          batchSeq: sql`excluded.batch_seq`,
        },
      });
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

/** Writes manifest rows whole: every column of a (source, path) row is replaced by the new version. */
export async function upsertDocuments(db: DbExecutor, rows: readonly DocumentVersion[]): Promise<void> {
  for (const slice of slices(rows)) {
    await db
      .insert(schema.documents)
      .values(slice)
      .onConflictDoUpdate({
        target: [schema.documents.sourceId, schema.documents.path],
        set: {
          blobSha: sql`excluded.blob_sha`,
          contentHash: sql`excluded.content_hash`,
          chunkHashes: sql`excluded.chunk_hashes`,
          chunkCount: sql`excluded.chunk_count`,
          tokenCount: sql`excluded.token_count`,
          bytes: sql`excluded.bytes`,
          outcome: sql`excluded.outcome`,
          reason: sql`excluded.reason`,
          error: sql`excluded.error`,
          redactions: sql`excluded.redactions`,
          commit: sql`excluded.commit`,
          // Item sources: a write that does not know the item (a failure record) keeps what the row had.
          externalId: sql`coalesce(excluded.external_id, ${schema.documents.externalId})`,
          url: sql`coalesce(excluded.url, ${schema.documents.url})`,
          updatedAt: sql`now()`,
        },
      });
  }
}
