import { schema, type Db } from "@repo/console-db";
import { asc, eq } from "drizzle-orm";
import type { RunStart } from "../client";

/**
 * The job a run works on, read from its trigger: `data.jobId` (contents, batches, deletes, and
 * the invoked planner and relationship extractor), or the failed run's event for an onFailure
 * handler. Runs unrelated to a job (pushes, schedules, activity) have none.
 */
export function jobIdOfRun(event: RunStart["event"]): string | undefined {
  const data = event.data as { jobId?: unknown; event?: { data?: { jobId?: unknown } } } | undefined;
  const jobId = data?.jobId ?? (event.name === "inngest/function.failed" ? data?.event?.data?.jobId : undefined);
  return typeof jobId === "string" && jobId ? jobId : undefined;
}

/** Records that a run started working on a job; a run that starts twice (a restart, a replay) is kept once. */
export async function recordJobRun(db: Db, run: RunStart): Promise<void> {
  const jobId = jobIdOfRun(run.event);
  if (!jobId) return;
  await db.insert(schema.syncJobRuns).values({ jobId, runId: run.runId, functionId: run.functionId }).onConflictDoNothing();
}

export interface JobRunRef {
  runId: string;
  functionId: string;
}

/** The job's runs in the order they started, its orchestrating source.sync run first. */
export async function listJobRuns(db: Db, jobId: string): Promise<JobRunRef[]> {
  const [job] = await db.select({ runId: schema.syncJobs.runId }).from(schema.syncJobs).where(eq(schema.syncJobs.id, jobId));
  const runs = await db
    .select({ runId: schema.syncJobRuns.runId, functionId: schema.syncJobRuns.functionId })
    .from(schema.syncJobRuns)
    .where(eq(schema.syncJobRuns.jobId, jobId))
    .orderBy(asc(schema.syncJobRuns.createdAt), asc(schema.syncJobRuns.runId));
  return [...(job?.runId ? [{ runId: job.runId, functionId: "source-sync" }] : []), ...runs.filter((run) => run.runId !== job?.runId)];
}
