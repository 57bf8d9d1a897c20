import { schema, type Db } from "@repo/console-db";
import type { TreeEntry } from "@repo/console-types";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { stageItemContents } from "../items/stage-items";
import { isItemProvider } from "../items/registry";
import { loadJobContext } from "./context";
import type { SyncDeps } from "./deps";
import { nowOf, withLease } from "./lease";
import { recordSkips, type SkipRecord } from "./outcomes";
import { timed } from "./stage-timings";
import { createRedactingStager } from "./redacting-stager";
import { createStagingWriter } from "./staging-writer";
import { createBatchReadiness } from "./batch-readiness";

/** Below this many files a diff is fetched blob by blob; above it one tarball is cheaper. */
export const DEFAULT_TARBALL_THRESHOLD = 20;

export interface StageResult {
  staged: number;
  skipped: number;
  upsertBatches: string[];
  /** Batches handed to `onBatchesReady` while staging (every upsert batch when it is given). */
  dispatched: string[];
  githubRequests: number;
}

export interface StageOptions {
  /**
   * Called with the batches whose every file is staged or recorded as skipped, as soon as that
   * holds: their processing can start while later files are still being read. Staging waits for
   * it, so a batch it was called with is ready for good (a retry finds its contents staged).
   */
  onBatchesReady?: (batchIds: string[]) => Promise<void>;
}

/**
 * source.stage: fetches the contents of every file the plan will index — one tarball for a
 * large plan, blobs for a small one — and stages them in the database by blob sha, so events and
 * step outputs carry ids only. Files whose content rules them out are recorded as skipped here;
 * secrets in the others are redacted before they are staged.
 */
export function stageJobContents(deps: SyncDeps, jobId: string, options: StageOptions = {}): Promise<StageResult> {
  return timed("read", () => stageContents(deps, jobId, options));
}

async function stageContents(deps: SyncDeps, jobId: string, options: StageOptions): Promise<StageResult> {
  const { db } = deps;
  const context = await loadJobContext(db, jobId);
  const { job, source } = context;
  if (isItemProvider(source.provider)) return { ...(await stageItemContents(deps, context)), dispatched: [] };
  if (!job.targetCommit) throw new Error(`job ${jobId} has no target commit; source.plan must run first`);
  const batches = await db
    .select({ id: schema.syncBatches.id, seq: schema.syncBatches.seq, files: schema.syncBatches.files })
    .from(schema.syncBatches)
    .where(and(eq(schema.syncBatches.jobId, jobId), eq(schema.syncBatches.kind, "upsert")))
    .orderBy(schema.syncBatches.seq);
  const entries: TreeEntry[] = [];
  const staged = new Set(await stagedShas(db, jobId));
  const readiness = createBatchReadiness(batches, staged);
  /** Which batches have had every file read (settled or not yet): then the redactor's group is sent. */
  const read = createBatchReadiness(batches, staged);
  for (const batch of batches) {
    for (const file of batch.files) {
      if (staged.has(file.sha)) continue;
      staged.add(file.sha);
      entries.push({ path: file.path, sha: file.sha, size: file.size ?? 0, mode: "100644", type: "blob" });
    }
  }

  const adapter = deps.sourceAdapter(source);
  const threshold = deps.tarballThreshold ?? DEFAULT_TARBALL_THRESHOLD;
  const maxFileBytes = readMaxFileBytes(source.config);
  const skippedShas = new Map<string, SkipRecord>();
  let skipped = 0;
  const dispatched: string[] = [];
  const staging = createStagingWriter(db);
  // A ready batch's contents are written and its skips recorded before anyone hears of it.
  const release = async (indexes: number[]) => {
    if (indexes.length === 0) return;
    await staging.flush();
    // Paths sharing a skipped blob are skipped too; each gets its own row.
    const skips = indexes.flatMap((i) =>
      batches[i]!.files.flatMap((file) => {
        const skip = skippedShas.get(file.sha);
        return skip ? [{ ...skip, path: file.path }] : [];
      }),
    );
    if (skips.length > 0) await withLease(db, jobId, (tx) => recordSkips(tx, { jobId, sourceId: source.id, commit: job.targetCommit!, skips }));
    skipped += skips.length;
    if (!options.onBatchesReady) return;
    const ids = indexes.map((i) => batches[i]!.id);
    await options.onBatchesReady(ids);
    dispatched.push(...ids);
  };
  // The read loop (skipped files) and the redactor's writes (staged files) both settle blobs and
  // release batches: one at a time, so the staging writer is never flushed while it is added to.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work);
    tail = next.catch(() => {});
    return next;
  };
  await release(readiness.initial());
  const redactor = createRedactingStager(({ sha, content, redactions }) =>
    serial(async () => {
      await staging.add({ jobId, sha, content, bytes: content.byteLength, redactions });
      await release(readiness.settle(sha));
    }),
  );
  if (entries.length > 0) {
    const via = entries.length > threshold ? "tarball" : "blobs";
    for await (const file of adapter.readFiles(job.targetCommit, entries, { via, maxFileBytes })) {
      if (file.status === "skipped") {
        skippedShas.set(file.sha, { path: file.path, sha: file.sha, reason: file.reason, detail: file.detail });
        await serial(() => release(readiness.settle(file.sha)));
      } else {
        // Secrets are replaced before the first write: nothing after the stager ever sees them.
        await redactor.add({ sha: file.sha, content: new Uint8Array(file.content) });
      }
      // Every file of some batch has been read: its last files go to the redactor now rather than
      // with a full group, so the batch is released without waiting for later reads.
      if (read.settle(file.sha).length > 0) await redactor.flush();
    }
    await redactor.finish();
  }
  await staging.flush();
  await release(readiness.rest());
  await withLease(db, jobId, async (tx) => {
    await tx
      .update(schema.syncJobs)
      .set({ requestsGithub: sql`${schema.syncJobs.requestsGithub} + ${adapter.requestCount()}`, stagedAt: nowOf(deps) })
      .where(eq(schema.syncJobs.id, jobId));
  });
  return { staged: staging.staged(), skipped, upsertBatches: batches.map((b) => b.id), dispatched, githubRequests: adapter.requestCount() };
}

async function stagedShas(db: Db, jobId: string): Promise<string[]> {
  const rows = await db.select({ sha: schema.blobStaging.sha }).from(schema.blobStaging).where(eq(schema.blobStaging.jobId, jobId));
  return rows.map((r) => r.sha);
}

function readMaxFileBytes(config: Record<string, unknown> | null): number | undefined {
  const value = config?.maxFileBytes;
  return typeof value === "number" ? value : undefined;
}

/** Contents staged by jobs that ended or died (a sweep; each job also clears its own when it releases). */
export async function sweepStaging(db: Db): Promise<number> {
  const removed = await db
    .delete(schema.blobStaging)
    .where(
      notInArray(
        schema.blobStaging.jobId,
        db
          .select({ id: schema.syncJobs.id })
          .from(schema.syncJobs)
          .where(inArray(schema.syncJobs.status, ["queued", "running"])),
      ),
    )
    .returning({ sha: schema.blobStaging.sha });
  return removed.length;
}
