import { desc, sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { createdAt, idColumn, oneOf, syncCounts } from "./columns";
import { sources } from "./sources";

/** `webhook`: an item source's verified webhook (Linear, Notion, Slack, Vercel); `push` stays GitHub's. */
export const SYNC_TRIGGERS = ["connect", "push", "webhook", "schedule", "manual", "cli", "reconcile", "recovery"] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];
/** `superseded`: the job lost its lease to a newer one (its writes after that were refused). */
export const JOB_STATUSES = ["queued", "running", "succeeded", "partial", "failed", "cancelled", "superseded"] as const;

/**
 * The coalescing queue in front of source.sync. A run consumes every pending request of its
 * source at once (sets consumed_by_job_id), targets the newest, and leaves later ones pending.
 */
export const syncRequests = pgTable(
  "sync_requests",
  {
    id: idColumn("sreq"),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    /** Null = "the branch head at the time the sync resolves it". */
    requestedSha: text("requested_sha"),
    trigger: text("trigger", { enum: SYNC_TRIGGERS }).notNull(),
    /** X-GitHub-Delivery for pushes, so a retried step cannot enqueue the same push twice. */
    deliveryId: text("delivery_id"),
    /** Item ids a webhook named, re-read whatever the cursor says (ListChangesOptions.recheck). */
    recheck: jsonb("recheck").$type<string[]>(),
    createdAt: createdAt(),
    consumedByJobId: text("consumed_by_job_id").references(() => syncJobs.id, { onDelete: "set null" }),
  },
  (t) => [
    unique("sync_requests_source_delivery_unique").on(t.sourceId, t.deliveryId),
    index("sync_requests_pending_idx").on(t.sourceId, t.createdAt).where(sql`${t.consumedByJobId} is null`),
    oneOf("sync_requests_trigger_check", t.trigger, SYNC_TRIGGERS),
  ],
);

/** One run of source.sync with exact counts; finalize sums them from its batches. */
export const syncJobs = pgTable(
  "sync_jobs",
  {
    id: idColumn("job"),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    trigger: text("trigger", { enum: SYNC_TRIGGERS }).notNull(),
    requestedSha: text("requested_sha"),
    /** The commit this job indexes, once resolved. */
    targetCommit: text("target_commit"),
    /** Item sources: the connector position this job indexes (target_commit holds its digest). */
    targetPosition: text("target_position"),
    /** The source's synced commit when the job started (null on a first sync). */
    baseCommit: text("base_commit"),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    filesSeen: integer("files_seen").notNull().default(0),
    ...syncCounts(),
    /** Requests to an item source's service (Linear, Notion, Slack, Vercel); git sources count in requests_github. */
    requestsSource: integer("requests_source").notNull().default(0),
    batchesTotal: integer("batches_total").notNull().default(0),
    batchesDone: integer("batches_done").notNull().default(0),
    batchesFailed: integer("batches_failed").notNull().default(0),
    error: text("error"),
    /** The failure's error-contract code (`unauthorized`, `unknown-ref`, `invalid-config`, …), for exit codes and alerts; null when it had none. */
    errorCode: text("error_code"),
    /** The orchestrating Inngest run, for linking to its trace. */
    runId: text("run_id"),
    /** When source.sync sent the job's contents and delete events (lost-batch detection counts from here). */
    fannedOutAt: timestamp("fanned_out_at", { withTimezone: true }),
    /** When github-adapter had staged every content and dispatched the upsert batches. */
    stagedAt: timestamp("staged_at", { withTimezone: true }),
    /** Last sign of life of the job's workers (github-adapter, documents.process, documents.delete). */
    workerHeartbeatAt: timestamp("worker_heartbeat_at", { withTimezone: true }),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("sync_jobs_source_created_idx").on(t.sourceId, desc(t.createdAt)),
    index("sync_jobs_open_idx").on(t.sourceId).where(sql`${t.status} in ('queued', 'running')`),
    oneOf("sync_jobs_trigger_check", t.trigger, SYNC_TRIGGERS),
    oneOf("sync_jobs_status_check", t.status, JOB_STATUSES),
  ],
);
