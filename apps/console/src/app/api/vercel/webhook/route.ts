import { verifyVercelWebhook } from "@repo/console-sources/vercel";
import { env } from "~/env";
import { handleItemWebhook, jsonField } from "~/server/item-webhooks";

export const dynamic = "force-dynamic";

/** Vercel webhooks (deployment and project events): an incremental sync of the project's sources. */
export function POST(request: Request): Promise<Response> {
  return handleItemWebhook(
    {
      provider: "vercel",
      secretName: "VERCEL_WEBHOOK_SECRET",
      secret: env.VERCEL_WEBHOOK_SECRET,
      verify: (rawBody, headers, secret) => verifyVercelWebhook({ secret: secret!, rawBody, headers }),
      deliveryIdOf: (rawBody) => jsonField(rawBody, "id"),
    },
    request,
  );
}
