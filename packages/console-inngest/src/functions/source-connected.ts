import type { TributaryInngest } from "../client";
import { activityRecorded, sourceConnected, syncRequested } from "../events";
import { loadSourceContext } from "../sync/context";
import type { SyncDeps } from "../sync/deps";
import { queueSyncRequest } from "../sync/requests";
import type { createStoreEnsure } from "./store-ensure";

// source.connected (the seed's source.connected.github) — a source was connected (console or CLI).
// The id stays "source-connected-github" so idempotency keys of recent connections keep deduplicating.
//   1. load-source  2. invoke store.ensure  3. queue-full-sync  4. send activity + sync request
export function createSourceConnected(inngest: TributaryInngest, deps: SyncDeps, refs: { storeEnsure: ReturnType<typeof createStoreEnsure> }) {
  return inngest.createFunction(
    {
      id: "source-connected-github",
      name: "source.connected",
      triggers: [sourceConnected],
      // Connecting twice in a row should not queue two full syncs; a reconnect after a removal
      // is a new connection with its own key (idempotency keys last 24 h).
      idempotency: "event.data.connectionKey",
      retries: 5,
    },
    async ({ event, step }) => {
      const { source } = await step.run("load-source", async () => {
        const { source, store } = await loadSourceContext(deps.db, event.data.sourceId);
        return { source: { id: source.id, storeId: store.id, workspaceId: source.workspaceId, fullName: source.fullName } };
      });
      await step.invoke("ensure-store", { function: refs.storeEnsure, data: { storeId: source.storeId } });
      const request = await step.run("queue-full-sync", () => queueSyncRequest(deps.db, { sourceId: source.id, commit: null, trigger: "connect" }));
      await step.sendEvent("request-sync", [
        syncRequested.create({ sourceId: source.id, requestId: request.requestId, commit: null, trigger: "connect" }),
        activityRecorded.create({
          workspaceId: source.workspaceId,
          actor: event.data.actor,
          action: "source.connected",
          subjectType: "source",
          subjectId: source.id,
          data: { fullName: source.fullName },
        }),
      ]);
      return { sourceId: source.id, requestId: request.requestId };
    },
  );
}
