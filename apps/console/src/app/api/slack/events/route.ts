import { verifySlackEvent } from "@repo/console-sources/slack";
import { env } from "~/env";
import { handleItemWebhook, jsonField } from "~/server/item-webhooks";

export const dynamic = "force-dynamic";

/**
 * Slack Events API: the URL-verification challenge is answered, message events sync the channel's
 * sources. Signed requests older than five minutes are refused as replays; the answer comes
 * before any sync work (Slack retries anything slower than 3 s).
 */
export function POST(request: Request): Promise<Response> {
  return handleItemWebhook(
    {
      provider: "slack",
      secretName: "SLACK_SIGNING_SECRET",
      secret: env.SLACK_SIGNING_SECRET,
      verify: (rawBody, headers, secret) => verifySlackEvent({ signingSecret: secret!, rawBody, headers }),
      // Slack's retries of one event keep its event_id.
      deliveryIdOf: (rawBody) => jsonField(rawBody, "event_id"),
    },
    request,
  );
}
