import { createHmac } from "node:crypto";
import { schema } from "@repo/console-db";
import {
  batchReady,
  connectedEvent,
  connectSource,
  createInngestClient,
  DEFAULT_TIMING,
  deleteRequested,
  removeSource,
  type SyncDeps,
} from "@repo/console-inngest";
import { beforeUpsert, blackout, stallGate, waitFor } from "@repo/console-inngest/testing";
import { eq } from "drizzle-orm";
// The console's webhook handling itself (route logic without Next's request plumbing).
import { handleWebhook } from "../../../../apps/console/src/server/webhooks";
import { check, converged, withWorld, type Scenario } from "../scenario";
import { World } from "../world";

const SECRET = "fault-matrix-webhook-secret";

function signedPush(after: string, before: string, deliveryId: string) {
  const body = JSON.stringify({
    ref: "refs/heads/main",
    before,
    after,
    created: false,
    deleted: false,
    forced: false,
    repository: { id: 9090, full_name: "acme/faults", name: "faults", owner: { login: "acme" }, pushed_at: 1_790_000_000 },
    commits: [],
  });
  const headers = new Headers({
    "content-type": "application/json",
    "x-github-event": "push",
    "x-github-delivery": deliveryId,
    "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
  });
  return { headers, rawBody: new TextEncoder().encode(body) };
}

/** Events arriving twice, late, out of order, replayed, or lost on the way in. */
export const deliveryScenarios: Scenario[] = [
  {
    name: "duplicate events (push, sync request, batch)",
    run: () =>
      withWorld(
        () => World.open(),
        async (w) => {
          const jobsBefore = (await w.jobs()).length;
          const head = await w.edit(4);
          await w.push(head, { deliveryId: "dup-1" });
          await w.push(head, { deliveryId: "dup-1" });
          await w.settle();
          const job = await w.lastJob();
          // The batch's event again, after it was processed: counted once, written once.
          const [batch] = await w.db.select().from(schema.syncBatches).where(eq(schema.syncBatches.jobId, job.id));
          if (batch) await w.fakes.harness.inngest.send(batchReady.create({ jobId: job.id, batchId: batch.id }));
          await w.settle();
          const jobs = await w.jobs();
          check(jobs.length === jobsBefore + 1, `a repeated delivery made ${jobs.length - jobsBefore} jobs`);
          const after = await w.lastJob();
          check(
            after.status === "succeeded" && after.filesIndexed === 4 && after.batchesDone === after.batchesTotal,
            `the job counted wrong: ${after.filesIndexed} files, ${after.batchesDone}/${after.batchesTotal} batches`,
          );
          return { summary: "1 job, exact counts", counts: await converged(w) };
        },
      ),
  },
  {
    name: "late push delivered after a newer one",
    run: () =>
      withWorld(
        () => World.open(),
        async (w) => {
          const older = await w.edit(2, 0);
          const newer = await w.edit(2, 5);
          await w.push(newer);
          await w.settle();
          await w.push(older);
          await w.settle();
          check((await w.source()).syncedCommit === newer, "the late push rolled the synced commit back");
          return { summary: "the late push synced the head, no rollback", counts: await converged(w) };
        },
      ),
  },
  {
    name: "pushes delivered in reverse order, mid-sync",
    run: () =>
      withWorld(
        () => World.open(),
        async (w) => {
          const shas: string[] = [];
          for (let i = 0; i < 4; i++) shas.push(await w.edit(3, i * 5));
          for (const sha of [...shas].reverse()) await w.push(sha);
          await w.settle();
          return { summary: `${(await w.jobs()).length - 1} jobs for 4 pushes`, counts: await converged(w) };
        },
      ),
  },
  {
    name: "webhook redelivery after a failed send",
    run: () =>
      withWorld(
        () => World.open(),
        async (w) => {
          const before = (await w.source()).syncedCommit!;
          const head = await w.edit(3);
          const delivery = signedPush(head, before, "gh-redeliver-1");
          // Inngest unreachable: nothing is lost, the delivery is marked failed and answered 5xx.
          const down = createInngestClient({ isDev: true, baseUrl: "http://127.0.0.1:9" });
          const failed = await handleWebhook({ db: w.db, inngest: down, secret: SECRET, ...delivery });
          check(failed.status === 503, `a failed send answered ${failed.status}`);
          // GitHub's Redeliver: same id, same body.
          const again = await handleWebhook({ db: w.db, inngest: w.fakes.harness.inngest, secret: SECRET, ...signedPush(head, before, "gh-redeliver-1") });
          check(again.status === 202 && again.body.outcome === "processed", `the redelivery answered ${again.status} ${again.body.outcome}`);
          await w.settle();
          return { summary: "503, then the redelivery was processed", counts: await converged(w) };
        },
      ),
  },
  {
    name: "processed push replayed under a new delivery id",
    run: () =>
      withWorld(
        () => World.open(),
        async (w) => {
          const before = (await w.source()).syncedCommit!;
          const head = await w.edit(3);
          const first = await handleWebhook({ db: w.db, inngest: w.fakes.harness.inngest, secret: SECRET, ...signedPush(head, before, "gh-replay-1") });
          check(first.status === 202, `the push answered ${first.status}`);
          await w.settle();
          const jobs = (await w.jobs()).length;
          const replay = await handleWebhook({ db: w.db, inngest: w.fakes.harness.inngest, secret: SECRET, ...signedPush(head, before, "gh-replay-2") });
          check(replay.status === 200 && replay.body.outcome === "duplicate", `the replay answered ${replay.status} ${replay.body.outcome}`);
          await w.settle();
          check((await w.jobs()).length === jobs, "the replay started a sync");
          return { summary: "recorded as a duplicate, no sync", counts: await converged(w) };
        },
      ),
  },
  {
    name: "superseded job finishes last (holder paused past its lease)",
    run: async () => {
      const gate = stallGate();
      let skew = 0;
      return withWorld(
        () =>
          World.open({
            services: "local+pgvector",
            wrapDeps: (deps: SyncDeps) => ({ ...deps, vectorStore: (store) => gate.wrap(deps.vectorStore(store)) }),
            skewMs: () => skew,
          }),
        async (w) => {
          const stalled = gate.stallNextUpsert();
          await w.push(await w.edit(2, 0));
          await stalled.reached;
          const older = await w.lastJob();
          skew += DEFAULT_TIMING.leaseTtlMs + 60_000;
          await w.push(await w.edit(2, 10));
          await waitFor(async () => (await w.jobs()).some((j) => j.id !== older.id && j.createdAt > older.createdAt && j.status === "succeeded"));
          stalled.release();
          await w.settle();
          const status = (await w.jobs()).find((j) => j.id === older.id)?.status;
          check(status === "superseded", `the paused job ended ${status}`);
          return { summary: "older job superseded, its late writes reconciled", counts: await converged(w) };
        },
      );
    },
  },
  {
    name: "remove and reconnect within 24 h",
    run: () =>
      withWorld(
        () => World.open({ services: "local+pgvector" }),
        async (w) => {
          const removal = await removeSource({ db: w.db }, w.sourceId, "fault matrix");
          check(removal, "the source could not be removed");
          // The reconnect arrives before the removal's own event is handled.
          const { source } = await connectSource(w.db, w.fakes.harness.workspaceId, w.fakes.harness.storeId, {
            provider: "github",
            externalId: "9090",
            fullName: "acme/faults",
            owner: "acme",
            name: "faults",
            location: "https://github.com/acme/faults",
            branch: "main",
            installationId: null,
            syncIntervalMinutes: 60,
          });
          await w.fakes.harness.inngest.send(connectedEvent(source, "faults"));
          await w.fakes.harness.inngest.send(deleteRequested.create({ sourceId: w.sourceId, connection: removal.connection }));
          await w.settle();
          const last = await w.lastJob();
          check(
            last.trigger === "connect" && last.status === "succeeded" && last.filesIndexed === 30,
            `the reconnect's sync was ${last.trigger}/${last.status} with ${last.filesIndexed} files`,
          );
          return { summary: "full sync of the new connection", counts: await converged(w) };
        },
      ),
  },
  {
    name: "batch run and its onFailure both fail (database down)",
    run: async () => {
      let darkUntil = 0;
      let armed = false;
      let world: World | undefined;
      const now = () => world?.local.clock.now() ?? 0;
      return withWorld(
        async () =>
          (world = await World.open({
            services: "local+pgvector",
            wrapDeps: (deps: SyncDeps) => ({
              ...deps,
              db: blackout(deps.db, () => now() < darkUntil),
              vectorStore: (store) =>
                beforeUpsert(deps.vectorStore(store), () => {
                  if (!armed) return;
                  armed = false;
                  darkUntil = now() + 5_000;
                  throw new Error("Connection terminated unexpectedly");
                }),
            }),
          })),
        async (w) => {
          armed = true;
          await w.push(await w.edit(5));
          await w.settle();
          // The push's job, not the last one: failure-recovery may already have re-synced after it.
          const job = (await w.jobs()).filter((j) => j.trigger === "push").at(-1);
          if (!job) throw new Error("no push job");
          const lost = (await w.db.select().from(schema.syncBatches).where(eq(schema.syncBatches.jobId, job.id))).filter((b) => b.error?.startsWith("lost:"));
          check(job.status === "partial" && lost.length > 0, `the job ended ${job.status} with ${lost.length} lost batches`);
          await w.requestSync();
          await w.settle();
          return { summary: `partial (${lost.length} lost batch found by the orchestrator) → next sync succeeded`, counts: await converged(w) };
        },
      );
    },
  },
];
