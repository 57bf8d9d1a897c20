import { and, eq, lt, ne, or } from "drizzle-orm";
import type { Db } from "../db-types";
import type { NewWebhookDelivery } from "../row-types";
import { sources, type WEBHOOK_OUTCOMES, webhookDeliveries } from "../schema";

export type WebhookDeliveryOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/**
 * Claims a delivery for this handler: a new id, one whose earlier handling failed, or one whose
 * handler died before finishing (a claim received before `staleBefore`). False for a delivery
 * handled or in hand.
 */
export async function claimWebhookDelivery(db: Db, row: NewWebhookDelivery, staleBefore: Date): Promise<boolean> {
  const [inserted] = await db.insert(webhookDeliveries).values(row).onConflictDoNothing().returning({ id: webhookDeliveries.deliveryId });
  if (inserted) return true;
  const [retaken] = await db
    .update(webhookDeliveries)
    .set({ outcome: row.outcome, detail: row.detail ?? null, replayKey: row.replayKey ?? null, receivedAt: new Date() })
    .where(
      and(
        eq(webhookDeliveries.deliveryId, row.deliveryId),
        or(eq(webhookDeliveries.outcome, "failed"), and(eq(webhookDeliveries.outcome, "received"), lt(webhookDeliveries.receivedAt, staleBefore))),
      ),
    )
    .returning({ id: webhookDeliveries.deliveryId });
  return retaken !== undefined;
}

export async function setWebhookDeliveryOutcome(db: Db, deliveryId: string, outcome: WebhookDeliveryOutcome, detail?: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ outcome, detail: detail ?? null })
    .where(eq(webhookDeliveries.deliveryId, deliveryId));
}

/** Another delivery, already processed, that said the same thing (its replay key): the id header is not signed. */
export async function processedDeliveryWithReplayKey(db: Db, replayKey: string, deliveryId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ deliveryId: webhookDeliveries.deliveryId })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.replayKey, replayKey), eq(webhookDeliveries.outcome, "processed"), ne(webhookDeliveries.deliveryId, deliveryId)))
    .limit(1);
  return row?.deliveryId;
}

/** The ids of the GitHub sources that follow a repository (by GitHub's repository id), in any state. */
export async function githubSourceIdsOfRepository(db: Db, repositoryId: number | string): Promise<string[]> {
  const rows = await db
    .select({ id: sources.id })
    .from(sources)
    .where(and(eq(sources.provider, "github"), eq(sources.externalId, String(repositoryId))));
  return rows.map((row) => row.id);
}
