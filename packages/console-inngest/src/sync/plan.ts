import { classifyPath, DEFAULT_CONFIG, inspectEntry, loadTributaryConfig, type TributaryConfig } from "@repo/console-content";
import { diffTreeAgainstManifest } from "@repo/console-github";
import { schema, type PlannedFile } from "@repo/console-db";
import { SkipReasonSchema, type SkipReason, type TreeEntry } from "@repo/console-types";
import { eq } from "drizzle-orm";
import type { SyncDeps } from "./deps";
import { loadJobContext } from "./context";
import { planItemChanges } from "../items/plan-items";
import { isItemProvider } from "../items/registry";
import { heartbeat } from "./lease";
import type { SkipRecord } from "./outcomes";
import { persistPlan } from "./persist-plan";

export type PlanResult =
  | { status: "planned"; commit: string; filesSeen: number; upsertBatches: string[]; deleteBatches: string[]; unchanged: number; skipped: number }
  | { status: "failed"; error: string; errorCode: string };

/**
 * source.plan: resolves the branch head, lists its tree, reads tributary.yml, diffs against the
 * manifest and persists the plan as batches. Re-running it for the same job replaces the plan
 * (no batch has been dispatched before it returns).
 *
 * The target is always the branch head, never the sha a push named: deliveries arrive late, twice
 * and out of order, and a late push must not roll the index back. A force-push moves the head, so
 * it converges too.
 */
export async function buildSyncPlan(deps: SyncDeps, jobId: string): Promise<PlanResult & { githubRequests: number }> {
  const { db } = deps;
  await heartbeat(deps, jobId);
  const { job, source } = await loadJobContext(db, jobId);
  // The one difference between source kinds: item sources plan from their connector's change listing.
  if (isItemProvider(source.provider)) return planItemChanges(deps, job, source);
  const adapter = deps.sourceAdapter(source);
  const commit = job.targetCommit ?? (await adapter.resolveCommit(source.branch));
  await db.update(schema.syncJobs).set({ targetCommit: commit }).where(eq(schema.syncJobs.id, jobId));
  const snapshot = await adapter.snapshot(commit);
  const loaded = await loadTributaryConfig(adapter, commit, snapshot.entries);
  if (!loaded.ok) return { status: "failed", error: loaded.message, errorCode: "invalid-config", githubRequests: adapter.requestCount() };

  const config = loaded.config;
  const configChanged = JSON.stringify(source.config ?? DEFAULT_CONFIG) !== JSON.stringify(config);
  const manifest = await db
    .select({
      path: schema.documents.path,
      sha: schema.documents.blobSha,
      outcome: schema.documents.outcome,
      reason: schema.documents.reason,
      redactions: schema.documents.redactions,
    })
    .from(schema.documents)
    .where(eq(schema.documents.sourceId, source.id));
  // Text indexed before contents were scanned for secrets (no redactions record) is read again.
  const indexed = new Map(manifest.filter((d) => d.outcome === "indexed" && d.redactions !== null).map((d) => [d.path, d.sha]));
  const previous = new Map(manifest.map((d) => [d.path, d]));

  const skips: SkipRecord[] = [];
  const eligible: TreeEntry[] = [];
  for (const entry of snapshot.entries) {
    const skip = skipFromTree(entry, config);
    if (skip) skips.push({ path: entry.path, sha: entry.sha, reason: skip.reason, detail: skip.detail });
    else eligible.push(entry);
  }

  const diff = diffTreeAgainstManifest(eligible, indexed);
  const upserts: PlannedFile[] = [];
  for (const entry of diff.added) {
    // A file skipped for its content (binary, LFS pointer...) stays skipped while neither its blob
    // nor the config changes: no need to download it again.
    const before = previous.get(entry.path);
    if (before?.outcome === "skipped" && before.sha === entry.sha && !configChanged && before.reason) {
      skips.push({ path: entry.path, sha: entry.sha, reason: SkipReasonSchema.catch("excluded").parse(before.reason) });
      continue;
    }
    upserts.push({ path: entry.path, sha: entry.sha, action: "add", size: entry.size });
  }
  for (const { entry } of diff.modified) upserts.push({ path: entry.path, sha: entry.sha, action: "modify", size: entry.size });
  for (const { entry, from } of diff.renamed) upserts.push({ path: entry.path, sha: entry.sha, action: "rename", from, size: entry.size });
  // Documents the diff does not see (failed, skipped, never scanned) may still own vectors when their path left the tree.
  const treePaths = new Set(snapshot.entries.map((e) => e.path));
  const vanished = manifest.filter((d) => !indexed.has(d.path) && !treePaths.has(d.path)).map((d) => d.path);
  const deletes: PlannedFile[] = [
    ...[...diff.deleted, ...vanished].map((path) => ({ path, sha: previous.get(path)?.sha ?? "", action: "delete" as const })),
    ...diff.renamed.map(({ from, entry }) => ({ path: from, sha: entry.sha, action: "delete" as const })),
  ];

  const { upsertBatches, deleteBatches } = await persistPlan(deps, {
    jobId,
    sourceId: source.id,
    commit,
    upserts,
    deletes,
    skips,
    filesSeen: snapshot.entries.length,
    unchanged: diff.unchanged.length,
    requests: { github: adapter.requestCount() },
    config,
  });

  return {
    status: "planned",
    commit,
    filesSeen: snapshot.entries.length,
    upsertBatches,
    deleteBatches,
    unchanged: diff.unchanged.length,
    skipped: skips.length,
    githubRequests: adapter.requestCount(),
  };
}

function skipFromTree(entry: TreeEntry, config: TributaryConfig): { reason: SkipReason; detail?: string } | null {
  const fromTree = inspectEntry(entry, config.maxFileBytes);
  if (fromTree) return fromTree;
  const reason = classifyPath(entry.path, config);
  return reason ? { reason } : null;
}
