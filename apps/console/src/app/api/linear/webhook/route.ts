import { verifyLinearWebhook } from "@repo/console-sources/linear";
import { env } from "~/env";
import { handleItemWebhook } from "~/server/item-webhooks";

export const dynamic = "force-dynamic";

/** Linear webhooks (Issue, Comment, Document, Project): an incremental sync of the team's sources. */
export function POST(request: Request): Promise<Response> {
  return handleItemWebhook(
    {
      provider: "linear",
      secretName: "LINEAR_WEBHOOK_SECRET",
      secret: env.LINEAR_WEBHOOK_SECRET,
      verify: (rawBody, headers, secret) => verifyLinearWebhook(rawBody, headers, secret!),
      deliveryIdOf: (_rawBody, headers) => headers["linear-delivery"],
    },
    request,
  );
}
