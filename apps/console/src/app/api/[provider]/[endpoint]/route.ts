import { itemWebhookRouteAt } from "~/server/item-webhooks";

export const dynamic = "force-dynamic";

/**
 * Every item provider's webhook, at the path its declaration names (`/api/linear/webhook`,
 * `/api/slack/events`, …): the registry entry gives the verifier, the secret's env variable and the
 * delivery id. Static routes (`/api/github/webhooks`, `/api/inngest`, `/api/metrics`, `/api/auth/…`)
 * take precedence in Next.js, so only the item providers' paths reach this handler.
 */
export async function POST(request: Request, context: { params: Promise<{ provider: string; endpoint: string }> }): Promise<Response> {
  const { provider, endpoint } = await context.params;
  const route = itemWebhookRouteAt(`/api/${provider}/${endpoint}`);
  if (!route) return Response.json({ outcome: "rejected", message: "no webhook at this path" }, { status: 404 });
  return route(request);
}
