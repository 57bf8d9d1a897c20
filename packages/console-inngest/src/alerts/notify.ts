import { createHmac } from "node:crypto";
import { schema, type Db } from "@repo/console-db";
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";

export interface AlertWebhook {
  url: string;
  /** Signs each body: `X-Tributary-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`. */
  secret: string;
  fetch?: typeof fetch;
}

export const SIGNATURE_HEADER = "x-tributary-signature-256";

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

type AlertRow = typeof schema.alerts.$inferSelect;

/** Slack-compatible: `text` is what Slack shows; `alert` carries the fields for other receivers. */
export function noticeBody(alert: AlertRow, state: "open" | "resolved"): string {
  const text = state === "open" ? `:rotating_light: [${alert.severity}] ${alert.message}` : `:white_check_mark: resolved: ${alert.message}`;
  return JSON.stringify({
    text,
    attachments: [{ color: state === "open" ? "danger" : "good", title: `${alert.kind} (${state})`, text: alert.message }],
    alert: {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      state,
      sourceId: alert.sourceId,
      createdAt: alert.createdAt,
      resolvedAt: alert.resolvedAt,
    },
  });
}

/**
 * Sends every notice not sent yet: one when an alert opens, one when it resolves. Each is claimed
 * first (its notified_at set), so two evaluations at once never send it twice; a failed POST
 * releases the claim and throws, and the step's retry sends it again.
 */
export async function deliverAlertNotices(db: Db, webhook: AlertWebhook, now: Date): Promise<{ opened: number; resolved: number }> {
  let opened = 0;
  let resolved = 0;
  const send = async (alert: AlertRow, state: "open" | "resolved") => {
    const body = noticeBody(alert, state);
    const response = await (webhook.fetch ?? fetch)(webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(webhook.secret, body) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`alert webhook answered ${response.status}`);
  };
  const toOpen = await db.update(schema.alerts).set({ notifiedAt: now }).where(isNull(schema.alerts.notifiedAt)).returning();
  for (const [i, alert] of toOpen.entries()) {
    // Opened and resolved before any notice went out: neither is worth a message.
    if (alert.resolvedAt) {
      await db.update(schema.alerts).set({ resolvedNotifiedAt: now }).where(eq(schema.alerts.id, alert.id));
      continue;
    }
    try {
      await send(alert, "open");
      opened++;
    } catch (error) {
      await db
        .update(schema.alerts)
        .set({ notifiedAt: null })
        .where(
          inArray(
            schema.alerts.id,
            toOpen.slice(i).map((a) => a.id),
          ),
        );
      throw error;
    }
  }
  const toResolve = await db
    .update(schema.alerts)
    .set({ resolvedNotifiedAt: now })
    .where(and(isNotNull(schema.alerts.resolvedAt), isNotNull(schema.alerts.notifiedAt), isNull(schema.alerts.resolvedNotifiedAt)))
    .returning();
  for (const [i, alert] of toResolve.entries()) {
    try {
      await send(alert, "resolved");
      resolved++;
    } catch (error) {
      await db
        .update(schema.alerts)
        .set({ resolvedNotifiedAt: null })
        .where(
          inArray(
            schema.alerts.id,
            toResolve.slice(i).map((a) => a.id),
          ),
        );
      throw error;
    }
  }
  return { opened, resolved };
}
