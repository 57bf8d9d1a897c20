import { itemWebhookRoute } from "~/server/item-webhooks";

export const dynamic = "force-dynamic";

/**
 * Slack Events API: the URL-verification challenge is answered, message events sync the channel's
 * sources. Signed requests older than five minutes are refused as replays; the answer comes
 * before any sync work (Slack retries anything slower than 3 s).
 */
export const POST = itemWebhookRoute("slack");
