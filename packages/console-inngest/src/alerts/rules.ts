import { schema, type Db } from "@repo/console-db";
import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import { raiseAlert, resolveAlert, type AlertKind } from "./store";

export interface AlertRules {
  /** Failed or partial syncs in a row before an alert (default 3). */
  consecutiveFailures: number;
  /** A source is stale when its last success is older than this many sync intervals (default 3). */
  staleIntervals: number;
  /** A push still not indexed after this long raises an alert (default 15 min). */
  pushDeadlineMs: number;
  /** Unresolved dead letters of one source before an alert (default 5). */
  deadLetters: number;
  /** Webhook deliveries with a bad signature within signatureWindowMs before an alert (default 5). */
  signatureFailures: number;
  /** The window of signatureFailures; the alert resolves after a whole window without any (default 10 min). */
  signatureWindowMs: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  consecutiveFailures: 3,
  staleIntervals: 3,
  pushDeadlineMs: 15 * 60_000,
  deadLetters: 5,
  signatureFailures: 5,
  signatureWindowMs: 10 * 60_000,
};

/** Alerts that close when the source next syncs successfully. */
const CLOSED_BY_SUCCESS: AlertKind[] = ["consecutive-failures", "non-retryable", "recovery-exhausted"];

export interface Evaluation {
  raised: AlertKind[];
  resolved: AlertKind[];
}

/**
 * Evaluates every rule for one source, raising what holds and resolving what no longer does.
 * Idempotent: an alert that is open stays one row, so running it after every job and on a
 * schedule never repeats a notice.
 */
export async function evaluateSourceAlerts(db: Db, sourceId: string, now: Date, rules: AlertRules): Promise<Evaluation> {
  const [source] = await db.select().from(schema.sources).where(eq(schema.sources.id, sourceId));
  const result: Evaluation = { raised: [], resolved: [] };
  if (source?.status !== "active") return result;
  const apply = async (kind: AlertKind, holds: boolean, message: string, data: Record<string, unknown> = {}) => {
    if (holds) {
      if (
        await raiseAlert(db, {
          workspaceId: source.workspaceId,
          sourceId,
          kind,
          severity: kind === "stale" ? "warning" : "critical",
          message: `${source.fullName}: ${message}`,
          data,
        })
      )
        result.raised.push(kind);
    } else if (await resolveAlert(db, sourceId, kind, now)) result.resolved.push(kind);
  };

  const finished = await db
    .select({ id: schema.syncJobs.id, status: schema.syncJobs.status, error: schema.syncJobs.error })
    .from(schema.syncJobs)
    .where(and(eq(schema.syncJobs.sourceId, sourceId), inArray(schema.syncJobs.status, ["succeeded", "partial", "failed"])))
    .orderBy(desc(schema.syncJobs.createdAt))
    .limit(rules.consecutiveFailures);
  const failing = finished.length >= rules.consecutiveFailures && finished.every((j) => j.status !== "succeeded");
  await apply("consecutive-failures", failing, `${rules.consecutiveFailures} syncs in a row failed; last: ${finished[0]?.error ?? ""}`, {
    jobId: finished[0]?.id,
  });
  if (finished[0]?.status === "succeeded") {
    for (const kind of CLOSED_BY_SUCCESS) if (await resolveAlert(db, sourceId, kind, now)) result.resolved.push(kind);
  }

  const staleAfterMs = rules.staleIntervals * source.syncIntervalMinutes * 60_000;
  const lastGood = source.syncedAt ?? source.createdAt;
  await apply(
    "stale",
    now.getTime() - lastGood.getTime() > staleAfterMs,
    `no successful sync since ${lastGood.toISOString()} (interval ${source.syncIntervalMinutes} min)`,
    { syncedAt: source.syncedAt?.toISOString() ?? null },
  );

  const pushes = await db
    .select({ createdAt: schema.syncRequests.createdAt, sha: schema.syncRequests.requestedSha })
    .from(schema.syncRequests)
    .where(
      and(
        eq(schema.syncRequests.sourceId, sourceId),
        eq(schema.syncRequests.trigger, "push"),
        lt(schema.syncRequests.createdAt, new Date(now.getTime() - rules.pushDeadlineMs)),
      ),
    )
    .orderBy(desc(schema.syncRequests.createdAt))
    .limit(1);
  const push = pushes[0];
  // A success after the push arrived indexed it (every sync targets the branch head).
  const unindexed = push !== undefined && (!source.syncedAt || source.syncedAt < push.createdAt);
  await apply("push-not-indexed", unindexed, `push ${push?.sha?.slice(0, 7) ?? ""} not indexed after ${Math.round(rules.pushDeadlineMs / 60_000)} min`);

  const [letters] = await db
    .select({ n: count() })
    .from(schema.deadLetters)
    .where(and(eq(schema.deadLetters.sourceId, sourceId), isNull(schema.deadLetters.resolvedAt)));
  await apply("dead-letters", (letters?.n ?? 0) >= rules.deadLetters, `${letters?.n ?? 0} failed runs not yet resolved`);
  return result;
}

export async function activeSourceIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: schema.sources.id }).from(schema.sources).where(eq(schema.sources.status, "active"));
  return rows.map((r) => r.id);
}
