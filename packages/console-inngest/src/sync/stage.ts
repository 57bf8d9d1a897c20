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

/** Below this many files a diff is fetched blob by blob; above it one tarball is cheaper. */
export const DEFAULT_TARBALL_THRESHOLD = 20;

export interface StageResult {
  staged: number;
  skipped: number;
  upsertBatches: string[];
  githubRequests: number;
}

/**
 * source.stage: fetches the contents of every file the plan will index — one tarball for a
 * large plan, blobs for a small one — and stages them in the database by blob sha, so events and
 * step outputs carry ids only. Files whose content rules them out are recorded as skipped here;
 * secrets in the others are redacted before they are staged.
 */
export function stageJobContents(deps: SyncDeps, jobId: string): Promise<StageResult> {
  return timed("read", () => stageContents(deps, jobId));
}

async function stageContents(deps: SyncDeps, jobId: string): Promise<StageResult> {
  const { db } = deps;
  const context = await loadJobContext(db, jobId);
  const { job, source } = context;
  if (isItemProvider(source.provider)) return stageItemContents(deps, context);
  if (!job.targetCommit) throw new Error(`job ${jobId} has no target commit; source.plan must run first`);
  const batches = await db
    .select({ id: schema.syncBatches.id, seq: schema.syncBatches.seq, files: schema.syncBatches.files })
    .from(schema.syncBatches)
    .where(and(eq(schema.syncBatches.jobId, jobId), eq(schema.syncBatches.kind, "upsert")))
    .orderBy(schema.syncBatches.seq);
  const seqOf = new Map<string, number>();
  const entries: TreeEntry[] = [];
  const staged = new Set(await stagedShas(db, jobId));
  for (const batch of batches) {
    for (const file of batch.files) {
      seqOf.set(file.path, batch.seq);
      if (staged.has(file.sha)) continue;
      staged.add(file.sha);
      entries.push({ path: file.path, sha: file.sha, size: file.size ?? 0, mode: "100644", type: "blob" });
    }
  }

  const adapter = deps.sourceAdapter(source);
  const threshold = deps.tarballThreshold ?? DEFAULT_TARBALL_THRESHOLD;
  const maxFileBytes = readMaxFileBytes(source.config);
  const skips: SkipRecord[] = [];
  const staging = createStagingWriter(db);
  const redactor = createRedactingStager(({ sha, content, redactions }) => staging.add({ jobId, sha, content, bytes: content.byteLength, redactions }));
  if (entries.length > 0) {
    const via = entries.length > threshold ? "tarball" : "blobs";
    for await (const file of adapter.readFiles(job.targetCommit, entries, { via, maxFileBytes })) {
      if (file.status === "skipped") {
        skips.push({ path: file.path, sha: file.sha, reason: file.reason, detail: file.detail });
        continue;
      }
      // Secrets are replaced before the first write: nothing after the stager ever sees them.
      await redactor.add({ sha: file.sha, content: new Uint8Array(file.content) });
    }
    await redactor.finish();
    await staging.flush();
  }
  // Paths sharing a skipped blob are skipped too; each gets its own row.
  const skippedShas = new Map(skips.map((s) => [s.sha, s]));
  const allSkips: SkipRecord[] = [];
  for (const batch of batches) {
    for (const file of batch.files) {
      const skip = skippedShas.get(file.sha);
      if (skip) allSkips.push({ ...skip, path: file.path });
    }
  }
  await withLease(db, jobId, async (tx) => {
    await recordSkips(tx, { jobId, sourceId: source.id, commit: job.targetCommit!, skips: allSkips });
    await tx
      .update(schema.syncJobs)
      .set({ requestsGithub: sql`${schema.syncJobs.requestsGithub} + ${adapter.requestCount()}`, stagedAt: nowOf(deps) })
      .where(eq(schema.syncJobs.id, jobId));
  });
  return { staged: staging.staged(), skipped: allSkips.length, upsertBatches: batches.map((b) => b.id), githubRequests: adapter.requestCount() };
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
