import { schema } from "@repo/console-db";
import { and, eq, isNull } from "drizzle-orm";
import type { SyncDeps } from "./deps";
import { nowOf, removalHolder, supersedeJob, timingOf } from "./lease";

/**
 * Removes a source from search at once and hands it to a removal: the running job (if any) is
 * superseded so none of its writes land, pending requests are dropped, and the lease goes to the
 * removal, so a reconnect's sync waits until documents.delete has cleared the index. The caller
 * sends `documents.delete.requested` with the returned connection. Null when already removed.
 */
export async function removeSource(deps: Pick<SyncDeps, "db" | "now" | "timing">, sourceId: string, reason: string): Promise<{ connection: number } | null> {
  return deps.db.transaction(async (tx) => {
    const [source] = await tx.select().from(schema.sources).where(eq(schema.sources.id, sourceId)).for("update");
    if (!source || source.status === "removed") return null;
    const now = nowOf(deps);
    if (source.leaseHolder && !source.leaseHolder.startsWith("removal:")) await supersedeJob(tx, source.leaseHolder, "superseded: the source was removed", now);
    await tx
      .update(schema.sources)
      .set({
        status: "removed",
        statusReason: reason,
        syncedCommit: null,
        syncedAt: null,
        config: null,
        lastError: null,
        leaseHolder: removalHolder(source.connection),
        leaseExpiresAt: new Date(now.getTime() + timingOf(deps).leaseTtlMs),
      })
      .where(eq(schema.sources.id, sourceId));
    await tx.delete(schema.syncRequests).where(and(eq(schema.syncRequests.sourceId, sourceId), isNull(schema.syncRequests.consumedByJobId)));
    return { connection: source.connection };
  });
}
