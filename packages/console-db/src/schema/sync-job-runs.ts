import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { syncJobs } from "./sync-jobs";

/**
 * The Inngest runs that worked on a job (planning, contents, batches, deletes, relationships),
 * recorded when each run starts, so the console can show and link them; the orchestrating
 * run is `sync_jobs.run_id`. Run ids are Inngest's, readable through its REST API.
 */
export const syncJobRuns = pgTable(
  "sync_job_runs",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => syncJobs.id, { onDelete: "cascade" }),
    runId: text("run_id").notNull(),
    /** The function's id within the app, e.g. "documents-process". */
    functionId: text("function_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.runId] })],
);
