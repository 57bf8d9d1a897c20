import { type ALERT_SEVERITIES, schema, type Db } from "@repo/console-db";
import { and, eq, isNull } from "drizzle-orm";

export const ALERT_KINDS = [
  "consecutive-failures",
  "stale",
  "push-not-indexed",
  "non-retryable",
  "recovery-exhausted",
  "dead-letters",
  "webhook-signature-failures",
  "cleanup-refused",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertInput {
  workspaceId: string;
  sourceId: string;
  kind: AlertKind;
  severity: (typeof ALERT_SEVERITIES)[number];
  message: string;
  data?: Record<string, unknown>;
}

/** Opens an alert unless one of this (source, kind) is open already: true when this call opened it. */
export async function raiseAlert(db: Db, input: AlertInput): Promise<boolean> {
  const rows = await db
    .insert(schema.alerts)
    .values({ ...input, data: input.data ?? {} })
    .onConflictDoNothing()
    .returning({ id: schema.alerts.id });
  return rows.length > 0;
}

/** Closes the open alert of this (source, kind), if any: true when one was open. */
export async function resolveAlert(db: Db, sourceId: string, kind: AlertKind, now: Date): Promise<boolean> {
  const rows = await db
    .update(schema.alerts)
    .set({ resolvedAt: now })
    .where(and(eq(schema.alerts.sourceId, sourceId), eq(schema.alerts.kind, kind), isNull(schema.alerts.resolvedAt)))
    .returning({ id: schema.alerts.id });
  return rows.length > 0;
}
