import { verifyWebhookSignature } from "@notionhq/client";
import type { WebhookVerdict } from "@repo/console-types";

const CONTENT_EVENTS = /^(page|database|data_source|comment)\./;

/**
 * A Notion webhook delivery: the one-time verification request (unsigned, carries the token the
 * operator pastes back into Notion), or an event signed with `X-Notion-Signature` (HMAC-SHA256 of
 * the raw body keyed by that token), checked with the SDK's verifier.
 */
export async function verifyNotionWebhook(
  rawBody: Buffer | string,
  headers: Record<string, string | string[] | undefined>,
  verificationToken: string | undefined,
): Promise<WebhookVerdict> {
  const body = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8");
  let payload: { verification_token?: string; type?: string; entity?: { id?: string; type?: string } };
  try {
    payload = JSON.parse(body);
  } catch {
    return { ok: false, status: 400, message: "Notion webhook body is not JSON" };
  }
  const signature = headers["x-notion-signature"];
  if (typeof payload.verification_token === "string" && signature === undefined && !payload.type) {
    return { ok: true, kind: "verification", token: payload.verification_token };
  }
  if (!verificationToken) return { ok: false, status: 401, message: "no Notion verification token is configured for this source" };
  if (typeof signature !== "string" || !(await verifyWebhookSignature({ body: rawBody, signature, verificationToken }))) {
    return { ok: false, status: 401, message: "invalid Notion webhook signature" };
  }
  if (!payload.type || !CONTENT_EVENTS.test(payload.type))
    return { ok: true, kind: "ignored", reason: `Notion ${payload.type ?? "unknown"} events do not change indexed content` };
  return { ok: true, kind: "sync", scope: "notion", reason: `Notion ${payload.type} ${payload.entity?.id ?? ""}`.trim() };
}
