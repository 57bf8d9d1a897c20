import { createHmac } from "node:crypto";

/** Vercel's webhook signature: hex HMAC-SHA1 of the raw body with the webhook (or integration client) secret. */
export function signVercelWebhook(secret: string, rawBody: string): Record<string, string> {
  return { "x-vercel-signature": createHmac("sha1", secret).update(rawBody).digest("hex"), "content-type": "application/json" };
}

export function vercelWebhookBody(type: string, payload: Record<string, unknown>, id = `evt_${Date.now()}`): string {
  return JSON.stringify({ id, type, createdAt: Date.now(), region: "iad1", payload });
}
