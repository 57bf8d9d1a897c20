import type { TributaryInngest } from "../client";
import { itemWebhookReceived, syncRequested } from "../events";
import { queueItemSyncs } from "../items/webhook";
import type { SyncDeps } from "../sync/deps";

// items.webhook — a verified webhook from Linear, Notion, Slack or Vercel (the route verified it).
//   1. queue-syncs: every source the scope concerns gets a request with the recheck ids (deduped by delivery)
//   2. request-syncs: source.sync takes them under its lease, like a push
// The webhook is only a trigger: the sync lists changes since the stored cursor, so a missed or
// repeated delivery converges.
export function createItemWebhook(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "item-webhook",
      name: "items.webhook",
      triggers: [itemWebhookReceived],
      retries: 5,
    },
    async ({ event, step }) => {
      const { provider, scope, recheck, deliveryId } = event.data;
      const requests = await step.run("queue-syncs", () =>
        queueItemSyncs(deps.db, { provider, scope, ...(recheck ? { recheck } : {}), ...(deliveryId ? { deliveryId } : {}) }),
      );
      const fresh = requests.filter((r) => !r.duplicate);
      if (fresh.length === 0) return { ignored: requests.length === 0 ? `no source follows ${provider} ${scope}` : "delivery already queued" };
      await step.sendEvent(
        "request-syncs",
        fresh.map((r) => syncRequested.create({ sourceId: r.sourceId, requestId: r.requestId, commit: null, trigger: "webhook" })),
      );
      return { requested: fresh.map((r) => r.sourceId) };
    },
  );
}
