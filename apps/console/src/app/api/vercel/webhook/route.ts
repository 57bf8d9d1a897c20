import { itemWebhookRoute } from "~/server/item-webhooks";

export const dynamic = "force-dynamic";

/** Vercel webhooks (deployment and project events): an incremental sync of the project's sources. */
export const POST = itemWebhookRoute("vercel");
