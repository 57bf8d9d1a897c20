import { itemWebhookRoute } from "~/server/item-webhooks";

export const dynamic = "force-dynamic";

/**
 * Notion webhooks: page, database and comment events sync the workspace's Notion sources. The
 * subscription's one-time verification request arrives before NOTION_VERIFICATION_TOKEN can be
 * set (it carries that token), so it is accepted unsigned and its token printed to the server's
 * terminal once — only while no token is configured. Every other delivery needs the token.
 */
export const POST = itemWebhookRoute("notion");
