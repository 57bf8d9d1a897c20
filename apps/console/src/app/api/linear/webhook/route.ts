import { itemWebhookRoute } from "~/server/item-webhooks";

export const dynamic = "force-dynamic";

/** Linear webhooks (Issue, Comment, Document, Project): an incremental sync of the team's sources. */
export const POST = itemWebhookRoute("linear");
