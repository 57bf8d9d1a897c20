import { verifyNotionWebhook } from "@repo/console-sources/notion";
import { env } from "~/env";
import { handleItemWebhook, jsonField } from "~/server/item-webhooks";

export const dynamic = "force-dynamic";

/**
 * Notion webhooks: page, database and comment events sync the workspace's Notion sources. The
 * subscription's one-time verification request arrives before NOTION_VERIFICATION_TOKEN can be
 * set (it carries that token), so it is accepted unsigned and its token printed to the server's
 * terminal once — only while no token is configured — for the operator to paste into Notion and
 * into the environment. Every other delivery needs the token.
 */
export function POST(request: Request): Promise<Response> {
  return handleItemWebhook(
    {
      provider: "notion",
      secretName: "NOTION_VERIFICATION_TOKEN",
      secret: env.NOTION_VERIFICATION_TOKEN,
      acceptsUnconfigured: true,
      verify: (rawBody, headers, secret) => verifyNotionWebhook(rawBody, headers, secret),
      deliveryIdOf: (rawBody) => jsonField(rawBody, "id"),
      onVerification(token) {
        if (env.NOTION_VERIFICATION_TOKEN) return;
        process.stderr.write(`Notion webhook verification token (paste it into Notion, then set NOTION_VERIFICATION_TOKEN): ${token}\n`);
      },
    },
    request,
  );
}
