import { schema, type Db, type DbExecutor, type DbTransaction } from "@repo/console-db";
import { NonRetriableError } from "inngest";
import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { SyncDeps } from "./deps";

/**
 * One job moves a source forward at a time. Inngest's `concurrency` cannot promise that (a run
 * parked in a wait holds no slot), so the source row names its lease holder, and every write of a
 * job first checks it still holds the lease. A holder renews the lease with every step; one that
 * shows no sign of life until the lease expires is presumed dead and taken over.
 */
export interface SyncTiming {
  /** How long a holder may stay silent before another run takes the source over. */
  leaseTtlMs: number;
  /** How long a batch may show no sign of life before the orchestrator counts it lost. */
  batchSilenceMs: number;
}

export const DEFAULT_TIMING: SyncTiming = { leaseTtlMs: 10 * 60_000, batchSilenceMs: 4 * 60_000 };

export function timingOf(deps: Pick<SyncDeps, "timing">): SyncTiming {
  return { ...DEFAULT_TIMING, ...deps.timing };
}

export function nowOf(deps: Pick<SyncDeps, "now">): Date {
  return deps.now?.() ?? new Date();
}

/** A job that lost its source to a newer one: what it still wanted to write is refused, and retrying cannot change that. */
export class SupersededError extends NonRetriableError {
  constructor(readonly jobId: string) {
    super(`job ${jobId} no longer holds its source: a newer sync took it over, so this job's writes are refused`);
    this.name = "SupersededError";
  }
}

export const removalHolder = (connection: number) => `removal:${connection}`;

/**
 * Renews the lease of `holder` (a job id or a removal) and records a sign of life; throws
 * SupersededError when another holder has it. Called at the start of every step of a job.
 */
export async function heartbeat(deps: Pick<SyncDeps, "db" | "now" | "timing">, holder: string, worker?: { batchId?: string }): Promise<void> {
  const now = nowOf(deps);
  const renewed = await deps.db
    .update(schema.sources)
    .set({ leaseExpiresAt: new Date(now.getTime() + timingOf(deps).leaseTtlMs) })
    .where(eq(schema.sources.leaseHolder, holder))
    .returning({ id: schema.sources.id });
  if (renewed.length === 0) throw new SupersededError(holder);
  if (!worker) return;
  await deps.db.update(schema.syncJobs).set({ workerHeartbeatAt: now }).where(eq(schema.syncJobs.id, holder));
  if (worker.batchId) await deps.db.update(schema.syncBatches).set({ heartbeatAt: now }).where(eq(schema.syncBatches.id, worker.batchId));
}

/** A heartbeat for long loops: at most one database round trip per `everyMs`. */
export function throttledHeartbeat(
  deps: Pick<SyncDeps, "db" | "now" | "timing">,
  holder: string,
  worker?: { batchId?: string },
  everyMs = 30_000,
): () => Promise<void> {
  let last = nowOf(deps).getTime();
  return async () => {
    const now = nowOf(deps).getTime();
    if (now - last < everyMs) return;
    last = now;
    await heartbeat(deps, holder, worker);
  };
}

/**
 * Runs `work` in a transaction that holds the source row shared while `holder` is still the lease
 * holder: a takeover (which locks the row for update) waits for it, and any write after a takeover
 * is refused with SupersededError.
 */
export async function withLease<T>(db: Db, holder: string, work: (tx: DbTransaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const [held] = await tx.select({ id: schema.sources.id }).from(schema.sources).where(eq(schema.sources.leaseHolder, holder)).for("share");
    if (!held) throw new SupersededError(holder);
    return work(tx);
  });
}

/** Whether `holder` still holds its source (a read, for deciding what to do; writes use withLease). */
export async function holdsLease(db: DbExecutor, holder: string): Promise<boolean> {
  const [row] = await db.select({ id: schema.sources.id }).from(schema.sources).where(eq(schema.sources.leaseHolder, holder));
  return row !== undefined;
}

/** Closes a job that lost its lease (if it is still open), keeping the reason. */
export async function supersedeJob(tx: DbExecutor, jobId: string, reason: string, now: Date): Promise<void> {
  await tx
    .update(schema.syncJobs)
    .set({ status: "superseded", error: reason, finishedAt: now })
    .where(and(eq(schema.syncJobs.id, jobId), inArray(schema.syncJobs.status, ["queued", "running"])));
}

/**
 * A superseded job may have written vectors after the new holder read the manifest. It cannot
 * undo that safely, so it flags the source for a reconcile and queues a sync that will run it.
 */
export async function reportTrespass(db: Db, jobId: string): Promise<{ sourceId: string; requestId: string } | null> {
  const [job] = await db.select({ sourceId: schema.syncJobs.sourceId }).from(schema.syncJobs).where(eq(schema.syncJobs.id, jobId));
  if (!job) return null;
  return db.transaction(async (tx) => {
    const [source] = await tx
      .update(schema.sources)
      .set({ needsReconcile: true })
      .where(eq(schema.sources.id, job.sourceId))
      .returning({ status: schema.sources.status });
    // A removed source reconciles on its first sync after a reconnect.
    if (source?.status !== "active") return null;
    const [request] = await tx
      .insert(schema.syncRequests)
      .values({ sourceId: job.sourceId, requestedSha: null, trigger: "reconcile" })
      .returning({ id: schema.syncRequests.id });
    return { sourceId: job.sourceId, requestId: request!.id };
  });
}

export interface ReleaseResult {
  released: boolean;
  /** A request that arrived while the job ran: the caller starts a run for it. */
  followUp: { requestId: string; trigger: (typeof schema.syncRequests.$inferSelect)["trigger"] } | null;
}

/**
 * Ends a job's hold on its source and hands over to whatever arrived meanwhile. Runs under the
 * same row lock as start-job, so a request queued at any moment is either seen here (follow-up)
 * or finds the source free when its own run starts: none is stranded behind a finished job.
 */
export async function releaseSource(db: Db, sourceId: string, holder: string): Promise<ReleaseResult> {
  return db.transaction(async (tx) => {
    const [source] = await tx
      .select({ leaseHolder: schema.sources.leaseHolder, status: schema.sources.status })
      .from(schema.sources)
      .where(eq(schema.sources.id, sourceId))
      .for("update");
    // Staged contents are read by the job's own steps only, all of which have ended.
    await tx.delete(schema.blobStaging).where(eq(schema.blobStaging.jobId, holder));
    if (source?.leaseHolder !== holder) return { released: false, followUp: null };
    await tx.update(schema.sources).set({ leaseHolder: null, leaseExpiresAt: null }).where(eq(schema.sources.id, sourceId));
    if (source.status === "removed") return { released: true, followUp: null };
    const [pending] = await tx
      .select({ id: schema.syncRequests.id, trigger: schema.syncRequests.trigger })
      .from(schema.syncRequests)
      .where(and(eq(schema.syncRequests.sourceId, sourceId), isNull(schema.syncRequests.consumedByJobId)))
      .orderBy(desc(schema.syncRequests.createdAt))
      .limit(1);
    return { released: true, followUp: pending ? { requestId: pending.id, trigger: pending.trigger } : null };
  });
}

/**
 * source.sync's onFailure: the run gave up (its retries exhausted), so its job fails and the
 * source is released at once instead of when the lease expires.
 */
export async function failOrchestratorRun(
  deps: Pick<SyncDeps, "db" | "now">,
  sourceId: string,
  runId: string,
  error: string,
): Promise<ReleaseResult & { jobId: string | null }> {
  const [job] = await deps.db
    .select({ id: schema.syncJobs.id })
    .from(schema.syncJobs)
    .where(and(eq(schema.syncJobs.sourceId, sourceId), eq(schema.syncJobs.runId, runId)));
  if (!job) return { released: false, followUp: null, jobId: null };
  await deps.db
    .update(schema.syncJobs)
    .set({ status: "failed", error: `the sync stopped: ${error}`, finishedAt: nowOf(deps) })
    .where(and(eq(schema.syncJobs.id, job.id), inArray(schema.syncJobs.status, ["queued", "running"])));
  return { ...(await releaseSource(deps.db, sourceId, job.id)), jobId: job.id };
}

/**
 * Renews `holder`'s lease while `work` runs (a long step: a big tarball, an embedding batch behind
 * rate limits), so a live holder is never mistaken for a dead one.
 */
export async function keepAlive<T>(
  deps: Pick<SyncDeps, "db" | "now" | "timing">,
  holder: string,
  worker: { batchId?: string } | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const { leaseTtlMs, batchSilenceMs } = timingOf(deps);
  const timer = setInterval(
    () => {
      // A lost lease surfaces at the step's next fenced write; here it only stops renewing. Any
      // other failure (a busy database) is passing: the next beat tries again.
      heartbeat(deps, holder, worker).catch((error: unknown) => {
        if (error instanceof SupersededError) clearInterval(timer);
      });
    },
    // A quarter of the shorter limit: a batch's heartbeat is judged by the silence limit (4 min),
    // not the lease (10 min). At a quarter of the lease, beats came 150 s apart, so one beat
    // delayed 90 s (a loaded machine, a long write ahead of it in PGlite) was enough for the
    // orchestrator to count a live batch as lost and fail its files (lease.test.ts).
    Math.max(1000, Math.min(leaseTtlMs, batchSilenceMs) / 4),
  );
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * For an executor whose runs die with its process (inngest-local in the CLI or an embedded
 * console): after a restart no holder from before can be alive, so every lease expires now and
 * every open job is closed as superseded. The next sync of each source takes it over (flagging a
 * reconcile, and finishing a removal that was cut short).
 */
export async function expireLeasesAfterRestart(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const held = await tx
      .update(schema.sources)
      .set({ leaseExpiresAt: new Date(now.getTime() - 1) })
      .where(isNotNull(schema.sources.leaseHolder))
      .returning({ holder: schema.sources.leaseHolder });
    for (const { holder } of held) if (holder) await supersedeJob(tx, holder, "superseded: the process running it stopped", now);
    return held.length;
  });
}

/**
 * Takes a free source for a holder that is not a sync job (cleanup.stale), so a reconcile never
 * overlaps a sync. Any holder — even one whose lease expired — keeps the source: a dead job's
 * unfinished work is resumed by the next sync's takeover, which a cleanup must not pre-empt.
 */
export async function takeIdleSource(
  db: Db,
  sourceId: string,
  holder: string,
  now: Date,
  leaseTtlMs: number,
): Promise<{ taken: true } | { taken: false; reason: string }> {
  return db.transaction(async (tx) => {
    const [source] = await tx.select().from(schema.sources).where(eq(schema.sources.id, sourceId)).for("update");
    if (!source) return { taken: false, reason: "the source does not exist" };
    if (source.status !== "active") return { taken: false, reason: `the source is ${source.status}` };
    if (source.leaseHolder === holder) return { taken: true };
    if (source.leaseHolder) return { taken: false, reason: `${source.leaseHolder} holds the source` };
    await tx
      .update(schema.sources)
      .set({ leaseHolder: holder, leaseExpiresAt: new Date(now.getTime() + leaseTtlMs) })
      .where(eq(schema.sources.id, sourceId));
    return { taken: true };
  });
}
