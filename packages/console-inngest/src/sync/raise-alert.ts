import { schema, type DbExecutor } from "@repo/console-db";
import { and, eq, isNull } from "drizzle-orm";

// A stand-in for monitoring.alert's module (built on another branch): it writes the same alerts
// table with the same rule — one open alert per source and kind — so the two reconcile at merge.

export interface AlertInput {
  workspaceId: string;
  sourceId: string;
  kind: string;
  severity: "info" | "warning" | "critical";
  message: string;
  data?: Record<string, unknown>;
}

/** Opens an alert unless one of this kind is already open for the source; returns whether it was new. */
export async function raiseSourceAlert(db: DbExecutor, alert: AlertInput): Promise<boolean> {
  const inserted = await db
    .insert(schema.alerts)
    .values({ ...alert, data: alert.data ?? {} })
    .onConflictDoNothing()
    .returning({ id: schema.alerts.id });
  return inserted.length > 0;
}

/** Resolves the open alert of this kind for the source, if any (the problem went away). */
export async function resolveSourceAlert(db: DbExecutor, sourceId: string, kind: string, now: Date): Promise<boolean> {
  const resolved = await db
    .update(schema.alerts)
    .set({ resolvedAt: now })
    .where(and(eq(schema.alerts.sourceId, sourceId), eq(schema.alerts.kind, kind), isNull(schema.alerts.resolvedAt)))
    .returning({ id: schema.alerts.id });
  return resolved.length > 0;
}
