import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { bytea, createdAt, idColumn, oneOf, redactions, syncCounts } from "./columns";
import { syncJobs } from "./sync-jobs";

export const BATCH_KINDS = ["upsert", "delete"] as const;
export const BATCH_STATUSES = ["pending", "running", "succeeded", "failed"] as const;
export const PLANNED_ACTIONS = ["add", "modify", "rename", "delete"] as const;
export const JOB_FILE_OUTCOMES = ["indexed", "unchanged", "skipped", "failed", "deleted"] as const;

export interface PlannedFile {
  path: string;
  /** Blob sha at the target commit; for deletes, the sha being removed. */
  sha: string;
  action: (typeof PLANNED_ACTIONS)[number];
  /** The old path of a rename. */
  from?: string;
  size?: number;
  /** Item sources: the item as its connector listed it (fetchContent takes it back), and its link for the manifest. */
  externalId?: string;
  title?: string;
  version?: string;
  url?: string;
}

/** A slice of a job's plan, persisted by github.sync so events carry only (job, seq). */
export const syncBatches = pgTable(
  "sync_batches",
  {
    id: idColumn("bat"),
    jobId: text("job_id")
      .notNull()
      .references(() => syncJobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    kind: text("kind", { enum: BATCH_KINDS }).notNull(),
    status: text("status", { enum: BATCH_STATUSES }).notNull().default("pending"),
    files: jsonb("files").$type<PlannedFile[]>().notNull(),
    /**
     * How many `files` holds, written with them: progress sums it on every poll instead of
     * unpacking each batch's list (null in batches written before the column existed).
     */
    fileCount: integer("file_count"),
    bytes: integer("bytes").notNull().default(0),
    ...syncCounts(),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    /** Renewed by every step working on the batch; a running batch silent for minutes is lost. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    unique("sync_batches_job_seq_unique").on(t.jobId, t.seq),
    // "Is any batch anywhere still making progress?" (a pending batch may only be queued).
    index("sync_batches_heartbeat_idx").on(t.heartbeatAt),
    index("sync_batches_job_status_idx").on(t.jobId, t.status),
    oneOf("sync_batches_kind_check", t.kind, BATCH_KINDS),
    oneOf("sync_batches_status_check", t.status, BATCH_STATUSES),
  ],
);

/** Per-file outcomes of a job (at least skips and failures), keyed so a retried batch overwrites. */
export const syncJobFiles = pgTable(
  "sync_job_files",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => syncJobs.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    outcome: text("outcome", { enum: JOB_FILE_OUTCOMES }).notNull(),
    reason: text("reason"),
    error: text("error"),
    /** Secrets replaced in the file's text before it was staged (indexed files). */
    redactions: redactions(),
    batchSeq: integer("batch_seq"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "sync_job_files_pk", columns: [t.jobId, t.path] }),
    index("sync_job_files_problems_idx").on(t.jobId, t.outcome).where(sql`${t.outcome} in ('skipped', 'failed')`),
    oneOf("sync_job_files_outcome_check", t.outcome, JOB_FILE_OUTCOMES),
  ],
);

/**
 * File contents handed from github-adapter to documents.process through the database (never in
 * events or step outputs). Keyed by blob sha: identical files are stored once per job.
 */
export const blobStaging = pgTable(
  "blob_staging",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => syncJobs.id, { onDelete: "cascade" }),
    sha: text("sha").notNull(),
    /** Already redacted: secrets never reach the database. */
    content: bytea("content").notNull(),
    bytes: integer("bytes").notNull(),
    redactions: redactions().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: "blob_staging_pk", columns: [t.jobId, t.sha] })],
);
