import { invoke } from "inngest";
import { z } from "zod";
import type { TributaryInngest } from "../client";
import type { SyncDeps } from "../sync/deps";
import { buildSyncPlan } from "../sync/plan";
import { toInngestError } from "../sync/errors";

// source.plan (the seed's github.sync) — invoked by source.sync with a job id.
//   1. build-plan: resolve the commit, list its tree, read tributary.yml, diff against the
//      manifest, persist batches; returns ids and counts only.
// The id stays "github-sync" so runs in flight when this was renamed still find their function.
export function createSourcePlan(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "github-sync",
      name: "source.plan",
      triggers: [invoke(z.object({ jobId: z.string() }))],
      // Transient GitHub/network errors heal within a few tries; bad input is reported, not retried.
      retries: 3,
    },
    async ({ event, step }) => {
      return step.run("build-plan", async () => {
        try {
          return await buildSyncPlan(deps, event.data.jobId);
        } catch (error) {
          throw toInngestError(error);
        }
      });
    },
  );
}
