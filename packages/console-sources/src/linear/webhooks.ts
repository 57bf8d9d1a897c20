import { LinearWebhookClient } from "@linear/sdk/webhooks";
import type { WebhookVerdict } from "@repo/console-types";
import { linearTeamScope } from "./team-key";

const SYNCED_TYPES = new Set(["Issue", "Comment", "Document", "Project"]);

/**
 * Verifies a Linear webhook (HMAC-SHA256 of the raw body in `linear-signature`, and the signed
 * `webhookTimestamp` within a minute) with the SDK's verifier, and says which team to sync (its
 * scope as the source stores it).
 */
export function verifyLinearWebhook(rawBody: Buffer | string, headers: Record<string, string | string[] | undefined>, secret: string): WebhookVerdict {
  const signature = headers["linear-signature"];
  if (typeof signature !== "string" || signature.length === 0) return { ok: false, status: 401, message: "missing linear-signature header" };
  const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody);
  try {
    if (!new LinearWebhookClient(secret).verify(body, signature)) return { ok: false, status: 401, message: "invalid Linear webhook signature" };
  } catch (error) {
    return { ok: false, status: 401, message: `Linear webhook rejected: ${error instanceof Error ? error.message : String(error)}` };
  }
  let payload: { type?: string; action?: string; data?: { team?: { key?: string }; issue?: { team?: { key?: string } } } };
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch {
    return { ok: false, status: 400, message: "Linear webhook body is not JSON" };
  }
  if (!payload.type || !SYNCED_TYPES.has(payload.type))
    return { ok: true, kind: "ignored", reason: `Linear ${payload.type ?? "unknown"} events do not change indexed content` };
  const teamKey = payload.data?.team?.key ?? payload.data?.issue?.team?.key;
  return {
    ok: true,
    kind: "sync",
    scope: teamKey ? `linear:${linearTeamScope(teamKey)}` : "linear",
    reason: `Linear ${payload.type} ${payload.action ?? "changed"}`,
  };
}
