import type { TributaryInngest } from "../client";
import { syncRequested } from "../events";
import type { SyncDeps } from "./deps";
import { heartbeat, reportTrespass, SupersededError } from "./lease";

/**
 * Runs a worker step body that writes vectors before its fenced manifest writes. The lease is
 * renewed first (a superseded job stops here, having written nothing). If the job turns out
 * superseded after its vector writes, those may disagree with the new holder's manifest: the
 * source is flagged for a reconcile and a sync is requested, then the step fails for good.
 */
export async function guardedWorkerStep<T>(
  inngest: TributaryInngest,
  deps: SyncDeps,
  jobId: string,
  worker: { batchId?: string },
  body: () => Promise<T>,
): Promise<T> {
  await heartbeat(deps, jobId, worker);
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof SupersededError)) throw error;
    const request = await reportTrespass(deps.db, jobId);
    // The event id makes a repeated report one event.
    if (request)
      await inngest.send({
        ...syncRequested.create({ sourceId: request.sourceId, requestId: request.requestId, commit: null, trigger: "reconcile" }),
        id: `reconcile-${request.requestId}`,
      });
    throw error;
  }
}
