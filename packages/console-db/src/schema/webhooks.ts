import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { idColumn, oneOf } from "./columns";

export const WEBHOOK_OUTCOMES = ["received", "processed", "duplicate", "ignored", "failed"] as const;

/** Every GitHub delivery seen, keyed by X-GitHub-Delivery: inserting first is the dedupe. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    deliveryId: text("delivery_id").primaryKey(),
    event: text("event").notNull(),
    action: text("action"),
    repositoryId: text("repository_id"),
    repositoryFullName: text("repository_full_name"),
    receivedAt: timestamp("received_at", { withTimezone: true }).defaultNow().notNull(),
    outcome: text("outcome", { enum: WEBHOOK_OUTCOMES }).notNull().default("received"),
    /** Why it was ignored or failed, e.g. "push to non-default branch refs/heads/dev". */
    detail: text("detail"),
    /**
     * What the delivery says, independent of its (unsigned) id: for a push, repository + ref +
     * before + after + pushed_at. A processed key seen again under another id is a replay.
     */
    replayKey: text("replay_key"),
  },
  (t) => [
    index("webhook_deliveries_replay_idx").on(t.replayKey),
    index("webhook_deliveries_received_idx").on(t.receivedAt),
    index("webhook_deliveries_repository_idx").on(t.repositoryId, t.receivedAt),
    oneOf("webhook_deliveries_outcome_check", t.outcome, WEBHOOK_OUTCOMES),
  ],
);

/**
 * A delivery refused for its signature: who sent it is unknown, so only when, the (unsigned)
 * delivery id header and why are kept — never the body, which may be abuse or carry secrets.
 * Kept apart from webhook_deliveries so a forged id can never claim a real delivery's id.
 */
export const webhookSignatureFailures = pgTable(
  "webhook_signature_failures",
  {
    id: idColumn("wsf"),
    receivedAt: timestamp("received_at", { withTimezone: true }).defaultNow().notNull(),
    deliveryId: text("delivery_id"),
    reason: text("reason").notNull(),
  },
  (t) => [index("webhook_signature_failures_received_idx").on(t.receivedAt)],
);
