import {
  batchesCompleted,
  connectedEvent,
  connectSource,
  getSource,
  latestJob,
  queueSyncRequest,
  readJobProgress,
  syncRequested,
  type EmbeddedRuntime,
  type JobProgress,
  type SourceRow,
  type SourceSpec,
  type SyncJobRow,
} from "@repo/console-inngest";
import { CliError, EXIT } from "../errors";
import { untilNoRunIsOpen } from "./until-settled";

/** How long all batches may sit done before the completion event is sent again. */
const NUDGE_INTERVAL_MS = 2000;
/**
 * How often progress is read. Each read sums the job's batches and outcomes, and PGlite runs it
 * between the sync's own queries: at 250 ms it took about 6% of a 3,000-file sync's database time.
 * At 1 s a batch could start and finish between two reads, so progress (and the kill/resume test,
 * which interrupts once some batches are done) missed it; 250 ms is what a watching user sees.
 */
const POLL_INTERVAL_MS = 250;

export interface SyncOptions {
  /** Called with the job's progress while it runs (and once at the end). */
  onProgress?: (progress: JobProgress) => void;
  pollMs?: number;
  /** Sources this process already sent `source.connected` for (its idempotency would drop a second one). */
  connected?: Set<string>;
}

/**
 * Connects the source if it is new and runs one sync to completion on the in-process executor:
 * a new (or never synced) source goes through `source.connected` (which ensures the store and
 * queues a full sync), a known one through a queued request. Returns the job that ran.
 */
export async function runSync(runtime: EmbeddedRuntime, spec: SourceSpec, options: SyncOptions = {}): Promise<{ job: SyncJobRow; source: SourceRow }> {
  const { db } = runtime.database;
  const { source, created } = await connectSource(db, runtime.workspaceId, runtime.store.id, spec);
  if (source.storeId !== runtime.store.id) {
    throw new CliError(
      `${source.fullName} is indexed with other embedding settings (store ${source.storeId}); use those settings, or remove it first (tributary sources remove ${source.fullName})`,
      EXIT.ENVIRONMENT,
    );
  }
  const newestJob = () => latestJob(db, source.id);
  const before = (await newestJob())?.id;
  // The job this sync opens is the source's newest once it exists (this process owns the runs).
  const jobOfThisSync = async () => {
    const job = await newestJob();
    return job && job.id !== before ? job : undefined;
  };

  const connected = options.connected ?? new Set<string>();
  if (created || (source.syncedCommit === null && !connected.has(source.id))) {
    connected.add(source.id);
    await runtime.inngest.send(connectedEvent(source, "cli"));
  } else {
    const { requestId } = await queueSyncRequest(db, { sourceId: source.id, commit: null, trigger: "cli" });
    await runtime.inngest.send(syncRequested.create({ sourceId: source.id, requestId, commit: null, trigger: "cli" }));
  }

  let nudgedAt = 0;
  const poll = async () => {
    const job = await jobOfThisSync();
    const progress = job && (await readJobProgress(db, job.id));
    if (!job || !progress) return;
    options.onProgress?.(progress);
    // The orchestrator checks progress and then waits for the completion event; an event sent
    // in between is lost and the wait runs to its 2-minute timeout. Once every batch is done,
    // repeating the event is harmless (the orchestrator re-checks) and ends such a wait now.
    const allDone = progress.status === "running" && progress.batches_total > 0 && progress.batches_done >= progress.batches_total;
    if (allDone && Date.now() - nudgedAt > NUDGE_INTERVAL_MS) {
      nudgedAt = Date.now();
      await runtime.inngest.send(batchesCompleted.create({ jobId: job.id }));
    }
  };
  // One poll at a time, the next one scheduled after the last one ends: PGlite serialises
  // queries, and a fixed interval shorter than a poll (a busy database) queued polls behind each
  // other without end. A slow poll spaces the next one out, so reading progress never takes more
  // than about a third of the database's time.
  const pollMs = options.pollMs ?? POLL_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> = Promise.resolve();
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      const started = performance.now();
      polling = poll()
        .catch(() => undefined)
        .then(() => {
          if (!stopped) schedule(Math.max(pollMs, 2 * (performance.now() - started)));
        });
    }, delayMs);
  };
  schedule(pollMs);
  try {
    await untilNoRunIsOpen(runtime);
  } finally {
    stopped = true;
    clearTimeout(timer);
    await polling;
  }
  await poll();
  const job = await jobOfThisSync();
  if (!job) {
    const errors = failedRunErrors(runtime);
    // A Postgres without pgvector fails when the store is set up, before any job exists.
    const hint = /pgvector/.test(errors) ? "\nSet PINECONE_API_KEY to keep vectors in Pinecone, or unset DATABASE_URL to use the embedded database." : "";
    throw new CliError(`the sync of ${source.fullName} did not start: ${errors || "no job was created"}${hint}`, hint ? EXIT.ENVIRONMENT : EXIT.SYNC_FAILED);
  }
  if (job.status === "queued" || job.status === "running") {
    throw new CliError(
      `the sync of ${source.fullName} stopped before finishing (job ${job.id}): ${failedRunErrors(runtime) || "no error was recorded"}; run it again to resume`,
      EXIT.SYNC_FAILED,
      true,
    );
  }
  return { job, source: (await getSource(db, source.id)) ?? source };
}

/** Errors of runs that failed in this process, for when a sync left no job behind. */
function failedRunErrors(runtime: EmbeddedRuntime): string {
  const messages = runtime.local
    .runs()
    .filter((run) => run.status === "failed")
    .map((run) => run.error?.message ?? `${run.functionId} failed`);
  // A failure propagates through invoking runs with the same message: say it once.
  return [...new Set(messages)].join("; ");
}
