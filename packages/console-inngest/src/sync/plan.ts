import { CONFIG_FILE_NAMES, classifyPath, inspectEntry, loadTributaryConfig, type TributaryConfig } from "@repo/console-content";
import { diffTreeAgainstManifest } from "@repo/console-github";
import { schema, type PlannedFile, type SourceRow, type SyncJobRow } from "@repo/console-db";
import { SkipReasonSchema, type SkipReason, type SourceAdapter, type TreeEntry } from "@repo/console-types";
import { and, count, desc, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { SyncDeps } from "./deps";
import { loadJobContext } from "./context";
import { planItemChanges } from "../items/plan-items";
import { isItemProvider } from "../items/registry";
import { heartbeat } from "./lease";
import type { SkipRecord } from "./outcomes";
import { persistPlan } from "./persist-plan";
import { configDiffers } from "./config-differs";
import { unsettledDocuments } from "./unsettled";

export type PlanResult =
  | {
      status: "planned";
      commit: string;
      filesSeen: number;
      /** From the changes since the synced commit, or from the whole tree against the whole manifest. */
      planned?: "changes" | "tree";
      upsertBatches: string[];
      deleteBatches: string[];
      unchanged: number;
      skipped: number;
    }
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
  const scope = (await changedScope(deps, job, source, adapter, commit)) ?? (await treeScope(deps, source, adapter, commit));
  if (!scope.ok) return { status: "failed", error: scope.error, errorCode: "invalid-config", githubRequests: adapter.requestCount() };

  const { config, configChanged, entries, manifest } = scope;
  // Text indexed before contents were scanned for secrets (no redactions record) is read again.
  const indexed = new Map(manifest.filter((d) => d.outcome === "indexed" && d.redactions !== null).map((d) => [d.path, d.sha]));
  const previous = new Map(manifest.map((d) => [d.path, d]));

  const skips: SkipRecord[] = [];
  const eligible: TreeEntry[] = [];
  for (const entry of entries) {
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
  const treePaths = new Set(entries.map((e) => e.path));
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
    filesSeen: scope.filesSeen,
    unchanged: scope.unchangedElsewhere + diff.unchanged.length,
    requests: { github: adapter.requestCount() },
    config,
  });

  return {
    status: "planned",
    commit,
    filesSeen: scope.filesSeen,
    planned: scope.planned,
    upsertBatches,
    deleteBatches,
    unchanged: scope.unchangedElsewhere + diff.unchanged.length,
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

type ManifestRow = { path: string; sha: string; outcome: string; reason: string | null; redactions: unknown };

/** What a plan compares: tree entries of the target commit and the manifest rows of the same paths. */
type PlanScope =
  | {
      ok: true;
      planned: "changes" | "tree";
      config: TributaryConfig;
      configChanged: boolean;
      entries: TreeEntry[];
      manifest: ManifestRow[];
      /** Files in the target tree. */
      filesSeen: number;
      /** Indexed files outside `entries` that stay as they are. */
      unchangedElsewhere: number;
    }
  | { ok: false; error: string };

const manifestColumns = {
  path: schema.documents.path,
  sha: schema.documents.blobSha,
  outcome: schema.documents.outcome,
  reason: schema.documents.reason,
  redactions: schema.documents.redactions,
};

/** The whole tree against the whole manifest: what every first sync, and any sync the diff cannot vouch for, compares. */
async function treeScope(deps: SyncDeps, source: SourceRow, adapter: SourceAdapter, commit: string): Promise<PlanScope> {
  const snapshot = await adapter.snapshot(commit);
  const loaded = await loadTributaryConfig(adapter, commit, snapshot.entries);
  if (!loaded.ok) return { ok: false, error: loaded.message };
  const manifest = await deps.db.select(manifestColumns).from(schema.documents).where(eq(schema.documents.sourceId, source.id));
  return {
    ok: true,
    planned: "tree",
    config: loaded.config,
    configChanged: configDiffers(source, loaded.config),
    entries: snapshot.entries,
    manifest,
    filesSeen: snapshot.entries.length,
    unchangedElsewhere: 0,
  };
}

/**
 * Only the paths that changed since the synced commit (a tree-to-tree diff, exact for
 * force-pushes too), plus the files the manifest holds as not (cleanly) indexed. Exact only while
 * the manifest is the synced commit's tree: so only when the source's last job succeeded at that
 * commit, no job was superseded or died since (needs_reconcile), and the config is the same.
 * Otherwise, or when the adapter cannot diff, null: the whole tree is planned.
 */
async function changedScope(deps: SyncDeps, job: SyncJobRow, source: SourceRow, adapter: SourceAdapter, commit: string): Promise<PlanScope | null> {
  const { db } = deps;
  const base = source.syncedCommit;
  if (!adapter.changedPaths || !adapter.entriesAt || !base || source.needsReconcile) return null;
  const [last] = await db
    .select({ status: schema.syncJobs.status, targetCommit: schema.syncJobs.targetCommit, filesSeen: schema.syncJobs.filesSeen })
    .from(schema.syncJobs)
    .where(and(eq(schema.syncJobs.sourceId, source.id), ne(schema.syncJobs.id, job.id)))
    .orderBy(desc(schema.syncJobs.createdAt))
    .limit(1);
  if (last?.status !== "succeeded" || last.targetCommit !== base) return null;
  const changed = await adapter.changedPaths(base, commit);
  if (changed === null) return null;

  // Git and the database answer side by side (each step of a push waits on both).
  const [configEntries, unsettled] = await Promise.all([
    adapter.entriesAt(commit, CONFIG_FILE_NAMES),
    // Files a full plan would take up again although their blob did not change.
    db.select({ path: schema.documents.path }).from(schema.documents).where(unsettledDocuments(source.id)),
  ]);
  const loaded = await loadTributaryConfig(adapter, commit, configEntries);
  // A new config can change what every path is (included, excluded, chunked): the whole tree is planned.
  if (!loaded.ok || configDiffers(source, loaded.config)) return null;

  const changedSet = new Set(changed);
  const paths = [...new Set([...changed, ...unsettled.map((d) => d.path)])];
  if (paths.length > MAX_SCOPED_PATHS) return null;
  const [entries, before, manifest, [clean]] = await Promise.all([
    adapter.entriesAt(commit, paths),
    adapter.entriesAt(base, changed),
    paths.length === 0
      ? []
      : db
          .select(manifestColumns)
          .from(schema.documents)
          .where(and(eq(schema.documents.sourceId, source.id), inArray(schema.documents.path, paths))),
    db
      .select({ n: count() })
      .from(schema.documents)
      .where(and(eq(schema.documents.sourceId, source.id), eq(schema.documents.outcome, "indexed"), isNotNull(schema.documents.redactions))),
  ]);
  const cleanInScope = manifest.filter((d) => d.outcome === "indexed" && d.redactions !== null).length;
  return {
    ok: true,
    planned: "changes",
    config: loaded.config,
    configChanged: false,
    entries,
    manifest,
    // The last job saw the base tree whole (inductively: it was planned whole, or from its own base).
    filesSeen: last.filesSeen - before.length + entries.filter((e) => changedSet.has(e.path)).length,
    unchangedElsewhere: (clean?.n ?? 0) - cleanInScope,
  };
}

/** Above this many paths to look at, listing the whole tree costs no more. */
const MAX_SCOPED_PATHS = 2000;
