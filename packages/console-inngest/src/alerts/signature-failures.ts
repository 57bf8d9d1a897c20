import { schema, type Db } from "@repo/console-db";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { AlertKind } from "./store";

export const SIGNATURE_ALERT: AlertKind = "webhook-signature-failures";

/** Records one delivery refused for its signature: time, the unsigned id header, why. Never the body. */
export async function recordSignatureFailure(db: Db, input: { deliveryId: string | null; reason: string; at?: Date }): Promise<void> {
  await db.insert(schema.webhookSignatureFailures).values({
    deliveryId: input.deliveryId?.slice(0, 128) ?? null,
    reason: input.reason.slice(0, 200),
    ...(input.at ? { receivedAt: input.at } : {}),
  });
}

/**
 * A burst of forged (or mis-signed) deliveries: `threshold` within `windowMs` opens one alert per
 * workspace, with no source — an unverified body cannot be trusted to name a repository, and the
 * webhook secret is the deployment's, not a source's. It stays open while failures keep coming
 * and resolves once a whole window passes with none.
 */
export async function evaluateSignatureFailures(
  db: Db,
  now: Date,
  rule: { threshold: number; windowMs: number },
): Promise<{ raised: number; resolved: number }> {
  const [row] = await db
    .select({ n: count() })
    .from(schema.webhookSignatureFailures)
    .where(gt(schema.webhookSignatureFailures.receivedAt, new Date(now.getTime() - rule.windowMs)));
  const n = row?.n ?? 0;
  const minutes = Math.round(rule.windowMs / 60_000);
  if (n >= rule.threshold) {
    const workspaces = await db.select({ id: schema.workspaces.id }).from(schema.workspaces);
    if (workspaces.length === 0) return { raised: 0, resolved: 0 };
    const rows = await db
      .insert(schema.alerts)
      .values(
        workspaces.map((w) => ({
          workspaceId: w.id,
          sourceId: null,
          kind: SIGNATURE_ALERT,
          severity: "critical" as const,
          message: `${n} GitHub webhook deliveries with a bad signature in ${minutes} min`,
          data: { failures: n, windowMinutes: minutes },
        })),
      )
      .onConflictDoNothing()
      .returning({ id: schema.alerts.id });
    return { raised: rows.length, resolved: 0 };
  }
  if (n > 0) return { raised: 0, resolved: 0 };
  const resolved = await db
    .update(schema.alerts)
    .set({ resolvedAt: now })
    .where(and(isNull(schema.alerts.sourceId), eq(schema.alerts.kind, SIGNATURE_ALERT), isNull(schema.alerts.resolvedAt)))
    .returning({ id: schema.alerts.id });
  return { raised: 0, resolved: resolved.length };
}
