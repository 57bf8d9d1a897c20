import { schema, type Db } from "@repo/console-db";
import { and, desc, eq, ne } from "drizzle-orm";
import { PERMANENT_FAILURE } from "../sync/outcomes";

export interface RecoveryPolicy {
  /** Wait before each automatic recovery of a partial job; its length bounds the recoveries. */
  delaysMs: readonly number[];
}

/** Three recoveries over ~1 h: a short blip heals in 2 min, a longer outage gets 10 and 45 more. */
export const DEFAULT_RECOVERY: RecoveryPolicy = { delaysMs: [2 * 60_000, 10 * 60_000, 45 * 60_000] };

export type RecoveryPlan =
  | { action: "none"; why: string }
  | { action: "retry"; attempt: number; delayMs: number; failedFiles: number }
  | { action: "alert"; kind: "non-retryable" | "recovery-exhausted"; message: string };

/**
 * What to do after a job ended. Only a partial job's retryable failures are re-queued, at most
 * `delaysMs.length` times in a row (counted from the source's consecutive recovery jobs); what a
 * retry cannot fix — a rejected key, an invalid tributary.yml, bad credentials — raises an alert.
 */
export async function planRecovery(
  db: Db,
  input: { jobId: string; status: string; retryable: boolean; error?: string | null },
  policy: RecoveryPolicy,
): Promise<RecoveryPlan> {
  const [job] = await db.select().from(schema.syncJobs).where(eq(schema.syncJobs.id, input.jobId));
  if (!job) return { action: "none", why: "job is gone" };
  if (input.status === "failed" && !input.retryable) {
    return { action: "alert", kind: "non-retryable", message: `sync failed and retrying cannot help: ${job.error ?? "unknown error"}` };
  }
  if (input.status !== "partial") return { action: "none", why: `job ${input.status}` };

  const failed = await db
    .select({ path: schema.syncJobFiles.path, reason: schema.syncJobFiles.reason, error: schema.syncJobFiles.error })
    .from(schema.syncJobFiles)
    .where(and(eq(schema.syncJobFiles.jobId, job.id), eq(schema.syncJobFiles.outcome, "failed")));
  const retryable = failed.filter((f) => f.reason !== PERMANENT_FAILURE);
  if (failed.length > 0 && retryable.length === 0) {
    return {
      action: "alert",
      kind: "non-retryable",
      message: `${failed.length} file(s) failed and retrying cannot help: ${failed[0]!.error ?? "unknown error"}`,
    };
  }
  const attempt = await consecutiveRecoveries(db, job.sourceId);
  if (attempt >= policy.delaysMs.length) {
    return {
      action: "alert",
      kind: "recovery-exhausted",
      message: `${failed.length} file(s) still failing after ${attempt} automatic recoveries: ${failed[0]?.error ?? job.error ?? ""}`,
    };
  }
  return { action: "retry", attempt: attempt + 1, delayMs: policy.delaysMs[attempt]!, failedFiles: retryable.length };
}

/** How many of the source's latest finished jobs in a row were automatic recoveries. */
async function consecutiveRecoveries(db: Db, sourceId: string): Promise<number> {
  const jobs = await db
    .select({ trigger: schema.syncJobs.trigger })
    .from(schema.syncJobs)
    .where(and(eq(schema.syncJobs.sourceId, sourceId), ne(schema.syncJobs.status, "superseded")))
    .orderBy(desc(schema.syncJobs.createdAt))
    .limit(20);
  let n = 0;
  while (n < jobs.length && jobs[n]!.trigger === "recovery") n++;
  return n;
}

/** A recovery is still wanted only while no newer job of the source has started. */
export async function isLatestJob(db: Db, sourceId: string, jobId: string): Promise<boolean> {
  const [latest] = await db
    .select({ id: schema.syncJobs.id })
    .from(schema.syncJobs)
    .where(eq(schema.syncJobs.sourceId, sourceId))
    .orderBy(desc(schema.syncJobs.createdAt))
    .limit(1);
  return latest?.id === jobId;
}
