import { DataDirInUseError, ITEM_PROVIDERS, type ItemProvider } from "@repo/console-db";
import { ITEM_PROVIDER_REGISTRY, itemWebhookReceived, recordSignatureFailure } from "@repo/console-inngest";
import { itemWebhookPath, type WebhookVerdict } from "@repo/console-types";
import { env } from "~/env";
import { getRuntime, type ConsoleRuntime } from "./runtime";
import { readLimited } from "./read-limited";
import { dataDirBusyResponse } from "./unavailable";

type HeaderMap = Record<string, string>;

/** Linear, Notion, Slack and Vercel deliveries are small JSON; anything far larger is not theirs. */
const MAX_ITEM_WEBHOOK_BYTES = 1024 * 1024;

export interface ItemWebhookRoute {
  provider: ItemProvider;
  /** The env variable holding the secret, named in the 503 when it is unset. */
  secretName: string;
  secret: string | undefined;
  /** Notion's one-time verification request carries no signature and comes before the token is configured. */
  acceptsUnconfigured?: boolean;
  verify(rawBody: string, headers: HeaderMap, secret: string | undefined): WebhookVerdict | Promise<WebhookVerdict>;
  /** The delivery's id (a redelivery carries the same), so `items.webhook` queues it once. */
  deliveryIdOf(rawBody: string, headers: HeaderMap): string | undefined;
  /** What to do with a verification verdict (Notion). */
  onVerification?(token: string): void;
}

const reply = (status: number, outcome: string, message?: string, headers?: Record<string, string>) =>
  Response.json({ outcome, ...(message ? { message } : {}) }, { status, ...(headers ? { headers } : {}) });

/**
 * The POST handler of a provider's webhook route, from its registry entry: the secret is read from
 * the env variable the entry names. Notion's verification token is printed to the server's terminal
 * once — only while no token is configured — for the operator to paste into Notion and into the
 * environment.
 */
export function itemWebhookRoute(provider: ItemProvider): (request: Request) => Promise<Response> {
  const { displayName, webhook } = ITEM_PROVIDER_REGISTRY[provider];
  return (request) => {
    const secret = secretOf(webhook.secretEnv);
    return handleItemWebhook(
      {
        provider,
        secretName: webhook.secretEnv,
        secret,
        ...(webhook.acceptsUnconfigured ? { acceptsUnconfigured: true } : {}),
        verify: webhook.verify,
        deliveryIdOf: webhook.deliveryIdOf,
        onVerification(token) {
          if (secret) return;
          process.stderr.write(`${displayName} webhook verification token (paste it into ${displayName}, then set ${webhook.secretEnv}): ${token}\n`);
        },
      },
      request,
    );
  };
}

/** Each provider's webhook handler by its URL path (`/api/linear/webhook`, `/api/slack/events`, …). */
const ROUTES_BY_PATH = new Map(ITEM_PROVIDERS.map((provider) => [itemWebhookPath(provider), itemWebhookRoute(provider)]));

/** The handler of the item provider whose webhook lives at `path`, if any. */
export function itemWebhookRouteAt(path: string): ((request: Request) => Promise<Response>) | undefined {
  return ROUTES_BY_PATH.get(path);
}

/** A webhook secret from the validated env (the console's env schema lists each registry entry's variable). */
function secretOf(name: string): string | undefined {
  const value: unknown = (env as Record<string, unknown>)[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * One item-service delivery: the raw body is verified with the service's SDK-based verifier before
 * anything is parsed; a forged one is recorded for the signature-failure alert and refused; a
 * verified change becomes one `items.webhook` event (ids only, never the payload) and the answer
 * comes at once — the sync itself runs in the background (Slack wants an answer within 3 s).
 */
export async function handleItemWebhook(route: ItemWebhookRoute, request: Request): Promise<Response> {
  if (!route.secret && !route.acceptsUnconfigured) return reply(503, "rejected", `${route.secretName} is not configured: ${route.provider} webhooks are off`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_ITEM_WEBHOOK_BYTES) return reply(413, "rejected", "payload too large");
  const bytes = await readLimited(request, MAX_ITEM_WEBHOOK_BYTES);
  if (!bytes) return reply(413, "rejected", "payload too large");
  const rawBody = new TextDecoder().decode(bytes);
  const headers = Object.fromEntries(request.headers);
  const verdict = await route.verify(rawBody, headers, route.secret);
  if (!verdict.ok) {
    if (verdict.status === 401) await recordFailure(route.provider, route.deliveryIdOf(rawBody, headers), verdict.message);
    return reply(verdict.status, "rejected", verdict.message);
  }
  switch (verdict.kind) {
    case "challenge":
      return Response.json({ challenge: verdict.response });
    case "verification":
      route.onVerification?.(verdict.token);
      return reply(200, "verification");
    case "ignored":
      return reply(200, "ignored", verdict.reason);
    case "sync":
      break;
  }
  let runtime: ConsoleRuntime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    if (error instanceof DataDirInUseError) return dataDirBusyResponse(error);
    return reply(503, "failed", `the console cannot reach its database: ${messageOf(error)}`, { "retry-after": "30" });
  }
  const deliveryId = route.deliveryIdOf(rawBody, headers);
  try {
    await runtime.inngest.send(
      itemWebhookReceived.create({
        provider: route.provider,
        scope: verdict.scope,
        ...(verdict.recheck ? { recheck: verdict.recheck.slice(0, 1000) } : {}),
        ...(deliveryId ? { deliveryId } : {}),
        reason: verdict.reason,
      }),
    );
  } catch (error) {
    // The service retries a 5xx: nothing was queued, so a retry loses nothing and doubles nothing.
    return reply(503, "failed", `could not hand the delivery to Inngest: ${messageOf(error)}`, { "retry-after": "30" });
  }
  return reply(200, "queued");
}

/** Counted for the signature-failure burst alert; a database that is down must not turn a 401 into a 5xx. */
async function recordFailure(provider: ItemProvider, deliveryId: string | undefined, message: string): Promise<void> {
  try {
    const runtime = await getRuntime();
    await recordSignatureFailure(runtime.database.db, { deliveryId: deliveryId ? `${provider}:${deliveryId}` : null, reason: `${provider}: ${message}` });
  } catch {
    // Refusing the forged request matters more than counting it.
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
