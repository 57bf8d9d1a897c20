import { schema, type SourceRow } from "@repo/console-db";
import { inArray } from "drizzle-orm";
import type { SyncDeps } from "./deps";
import { describeError } from "./errors";
import { nowOf } from "./lease";
import { queueSyncRequest } from "./requests";
import { isItemProvider } from "../items/registry";
import { whyItemSync } from "../items/position-check";

export interface HeadCheckResult {
  /** Sources whose branch head is the synced commit: nothing to do, no job. */
  unchanged: string[];
  /** Sources that need a sync, with the request queued for each. */
  queued: Array<{ sourceId: string; requestId: string; reason: string }>;
}

/**
 * schedule.sync's cheap check: one ref lookup per due source. A head that has not moved since the
 * last complete sync costs nothing more; a moved head (a push whose webhook never arrived), an
 * unfinished reconcile or a failed lookup queues a sync (which records a lookup's error itself).
 */
export async function checkSourceHeads(deps: SyncDeps, sources: readonly SourceRow[]): Promise<HeadCheckResult> {
  const result: HeadCheckResult = { unchanged: [], queued: [] };
  for (const source of sources) {
    const reason = await whySync(deps, source);
    if (reason === null) {
      result.unchanged.push(source.id);
      continue;
    }
    const { requestId } = await queueSyncRequest(deps.db, { sourceId: source.id, commit: null, trigger: "schedule" });
    result.queued.push({ sourceId: source.id, requestId, reason });
  }
  if (sources.length > 0) {
    await deps.db
      .update(schema.sources)
      .set({ scheduleCheckedAt: nowOf(deps) })
      .where(
        inArray(
          schema.sources.id,
          sources.map((s) => s.id),
        ),
      );
  }
  return result;
}

async function whySync(deps: SyncDeps, source: SourceRow): Promise<string | null> {
  if (!source.syncedCommit) return "never fully synced";
  if (source.needsReconcile) return "flagged for a reconcile";
  try {
    if (isItemProvider(source.provider)) return await whyItemSync(deps, source);
    const head = await deps.sourceAdapter(source).resolveCommit(source.branch);
    return head === source.syncedCommit ? null : `head moved to ${head}`;
  } catch (error) {
    return `head lookup failed: ${describeError(error)}`;
  }
}
