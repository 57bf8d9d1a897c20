import type { SyncDeps } from "../sync/deps";
import type { SourceRow } from "@repo/console-db";

/**
 * cleanup.stale for an item source: paths whose item the service no longer lists (deleted while
 * no webhook or sync saw it). Rows without an item id (a first version that failed) are left to
 * the next complete listing. The mass-deletion guard applies as for a git tree.
 */
export async function itemsNoLongerLive(
  deps: SyncDeps,
  source: SourceRow,
  manifest: ReadonlyArray<{ path: string; externalId: string | null }>,
): Promise<string[]> {
  const live = new Set(await (await deps.itemConnector(source)).listLiveIds());
  return manifest.filter((doc) => doc.externalId !== null && !live.has(doc.externalId)).map((doc) => doc.path);
}
