import { createHash } from "node:crypto";
import { schema } from "@repo/console-db";
import type { ChangeSet, ConnectorItem, SourcePosition } from "@repo/console-types";
import { eq } from "drizzle-orm";
import type { SyncDeps } from "../sync/deps";
import type { SkipRecord } from "../sync/outcomes";
import { persistPlan } from "../sync/persist-plan";
import type { PlanResult } from "../sync/plan";
import type { PlannedFile, SourceRow, SyncJobRow as JobRow } from "@repo/console-db";

/**
 * The manifest's content version of an item. Connectors' versions (updatedAt, edit counters) can
 * repeat across items, while staging is keyed by version: mixing in the id makes it unique.
 */
export function itemSha(item: Pick<ConnectorItem, "externalId" | "version">): string {
  return createHash("sha256").update(`${item.externalId}\0${item.version}`).digest("hex").slice(0, 40);
}

/** What `target_commit`/`synced_commit` hold for an item source: a short digest of its cursor. */
export function positionDigest(position: SourcePosition): string {
  return `cursor:${createHash("sha256").update(position.value).digest("hex").slice(0, 16)}`;
}

/**
 * The item-source half of planning: the connector lists what changed since the stored cursor (plus
 * the ids webhooks asked to recheck); items whose version the manifest already holds are unchanged;
 * deleted ids map to their stored paths; a complete listing also deletes every path it omits.
 */
export async function planItemChanges(deps: SyncDeps, job: JobRow, source: SourceRow): Promise<PlanResult & { githubRequests: number }> {
  const connector = await deps.itemConnector(source);
  const since: SourcePosition | null = source.syncedPosition ? { kind: "cursor", value: source.syncedPosition } : null;
  const recheck = await recheckIdsOf(deps, job.id);
  const changes = await connector.listChanges(since, recheck.length > 0 ? { recheck } : {});
  const commit = positionDigest(changes.position);

  const manifest = await deps.db
    .select({
      path: schema.documents.path,
      sha: schema.documents.blobSha,
      outcome: schema.documents.outcome,
      reason: schema.documents.reason,
      error: schema.documents.error,
      externalId: schema.documents.externalId,
    })
    .from(schema.documents)
    .where(eq(schema.documents.sourceId, source.id));
  const { upserts, deletes, skips, unchanged } = diffItemsAgainstManifest(changes, manifest);

  const { upsertBatches, deleteBatches } = await persistPlan(deps, {
    jobId: job.id,
    sourceId: source.id,
    commit,
    upserts,
    deletes,
    skips,
    filesSeen: changes.upserts.length,
    unchanged,
    requests: { source: connector.requestCount() },
    job: { targetCommit: commit, targetPosition: changes.position.value },
  });
  return { status: "planned", commit, filesSeen: changes.upserts.length, upsertBatches, deleteBatches, unchanged, skipped: skips.length, githubRequests: 0 };
}

type ManifestRow = { path: string; sha: string; outcome: string; reason: string | null; error: string | null; externalId: string | null };

/** Pure: the plan for a change set against the stored manifest. */
export function diffItemsAgainstManifest(changes: ChangeSet, manifest: readonly ManifestRow[]) {
  const byPath = new Map(manifest.map((d) => [d.path, d]));
  const upserts: PlannedFile[] = [];
  const skips: SkipRecord[] = [];
  let unchanged = 0;
  const listed = new Set<string>();
  for (const item of changes.upserts) {
    listed.add(item.path);
    const sha = itemSha(item);
    const before = byPath.get(item.path);
    if (before?.sha === sha && before.outcome === "indexed") {
      unchanged++;
      continue;
    }
    // An item its service could not give text for stays skipped until its version changes.
    if (before?.sha === sha && before.outcome === "skipped" && before.reason) {
      skips.push({
        path: item.path,
        sha,
        reason: "unavailable",
        ...(before.error ? { detail: before.error } : {}),
        externalId: item.externalId,
        ...(item.url ? { url: item.url } : {}),
      });
      continue;
    }
    upserts.push({
      path: item.path,
      sha,
      action: before ? "modify" : "add",
      size: 0,
      externalId: item.externalId,
      title: item.title,
      version: item.version,
      ...(item.url ? { url: item.url } : {}),
    });
  }
  const gone = new Set(changes.deletions);
  const deletes: PlannedFile[] = manifest
    .filter((d) => !listed.has(d.path) && ((d.externalId !== null && gone.has(d.externalId)) || changes.complete))
    .map((d) => ({ path: d.path, sha: d.sha, action: "delete" as const }));
  return { upserts, deletes, skips, unchanged };
}

/** Ids named by the webhooks whose requests this job took. */
async function recheckIdsOf(deps: SyncDeps, jobId: string): Promise<string[]> {
  const rows = await deps.db.select({ recheck: schema.syncRequests.recheck }).from(schema.syncRequests).where(eq(schema.syncRequests.consumedByJobId, jobId));
  return [...new Set(rows.flatMap((r) => r.recheck ?? []))];
}
