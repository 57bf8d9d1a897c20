import type { TributaryInngest } from "../client";
import { githubPushReceived, syncRequested } from "../events";
import { pauseSources, renameRepositorySources, sourcesForPush } from "../sync/catalog";
import type { SyncDeps } from "../sync/deps";
import { queueSyncRequest } from "../sync/requests";

const BRANCH_PREFIX = "refs/heads/";

// github.push — a verified push delivery from the webhook route.
//   1. find-sources by repository id, following a rename (tags and other branches are ignored)
//   2a. deleted branch → pause-sources
//   2b. queue-syncs (deduped by delivery id) → request-syncs
// The push is only a trigger: the sync diffs the head tree against the manifest, so forced and
// missed pushes converge.
export function createGithubPush(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "github-push",
      name: "github.push",
      triggers: [githubPushReceived],
      // GitHub redelivers on request: one delivery id is handled once.
      idempotency: "event.data.deliveryId",
      retries: 5,
    },
    async ({ event, step }) => {
      const push = event.data;
      if (!push.ref.startsWith(BRANCH_PREFIX)) return { ignored: `not a branch: ${push.ref}` };
      const branch = push.ref.slice(BRANCH_PREFIX.length);
      const sources = await step.run("find-sources", async () => {
        await renameRepositorySources(deps.db, push.repositoryId, push.repositoryFullName);
        return (await sourcesForPush(deps.db, push.repositoryId, branch)).map((s) => s.id);
      });
      if (sources.length === 0) return { ignored: `no source follows ${push.repositoryFullName}@${branch}` };
      if (push.deleted) {
        await step.run("pause-sources", () => pauseSources(deps.db, sources, `branch ${branch} was deleted`));
        return { paused: sources };
      }
      const requests = await step.run("queue-syncs", () =>
        Promise.all(
          sources.map(async (sourceId) => ({
            sourceId,
            ...(await queueSyncRequest(deps.db, { sourceId, commit: push.after, trigger: "push", deliveryId: push.deliveryId })),
          })),
        ),
      );
      await step.sendEvent(
        "request-syncs",
        requests.map((r) => syncRequested.create({ sourceId: r.sourceId, requestId: r.requestId, commit: push.after, trigger: "push" })),
      );
      return { requested: requests.map((r) => r.sourceId) };
    },
  );
}
