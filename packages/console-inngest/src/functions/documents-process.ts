import type { TributaryInngest } from "../client";
import { batchesCompleted, batchReady } from "../events";
import { chunkBatch } from "../sync/chunk-batch";
import { rememberChunks, rememberedChunks, rememberVectors, takeBatchMemo } from "../sync/chunk-memo";
import { completeBatch, failBatch, markBatchRunning } from "../sync/complete-batch";
import { loadBatchContext } from "../sync/context";
import type { SyncDeps } from "../sync/deps";
import { describeError } from "../sync/errors";
import { embedBatch, type EmbedBatchResult } from "../sync/embed-batch";
import { indexBatch, type IndexBatchResult } from "../sync/index-batch";
import { heartbeat, keepAlive, nowOf } from "../sync/lease";
import { recordStage, timed } from "../sync/stage-timings";
import { guardedWorkerStep } from "../sync/trespass";

const RETRIES = 3;
/** A wait for the provider's budget longer than this parks the batch in step.sleep instead of a slot. */
const DEFER_ABOVE_MS = 3000;
/** Parkings per batch at most (a TPM window refills within a minute); then the step waits in place. */
const MAX_BUDGET_DEFERRALS = 10;

// documents.process — per batch of up to 250 files / 4 MiB.
//   1. embed-and-index: chunk staged contents, embed only cache misses into the embedding cache,
//      then upsert the vectors, drop stale chunk vectors and write the manifest. While the
//      provider's rate-limit budget is spent it returns before embedding: wait-for-budget-N
//      (step.sleep) and embed-and-index-N again, so waiting holds no concurrency slot.
//   2. complete-batch: count the batch into its job once; the last batch signals completion
// One step, so a batch is indexed as soon as its vectors arrive (two steps queued the index step
// behind every other batch's embedding, and re-chunked when the memo had moved on). Chunks kept
// across parked rounds in an in-process memo; a retry after the embedding finds every vector in
// the cache and sends nothing.
// Every step first renews the job's lease: a superseded job stops before writing anything.
export function createDocumentsProcess(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "documents-process",
      name: "documents.process",
      triggers: [batchReady],
      // A batch is processed once even if its event is sent twice.
      idempotency: "event.data.batchId",
      // Bounds embedding-provider load and memory: 4 batches in flight across all jobs.
      concurrency: [{ limit: 4 }],
      retries: RETRIES,
      onFailure: async ({ event, error, step }) => {
        const result = await step.run("fail-batch", () => failBatch(deps, event.data.event.data.batchId, describeError(error)));
        if (result.last) await step.sendEvent("signal-completion", batchesCompleted.create({ jobId: result.jobId }));
      },
    },
    async ({ event, step, attempt }) => {
      const { batchId, jobId } = event.data;
      let done: { embedded: EmbedBatchResult; indexed: IndexBatchResult } | undefined;
      for (let round = 0; !done; round++) {
        const outcome = await step.run(round === 0 ? "embed-and-index" : `embed-and-index-${round}`, async () => {
          const started = performance.now();
          await markBatchRunning(deps.db, batchId, nowOf(deps));
          await heartbeat(deps, jobId, { batchId });
          const { context, batch } = await loadBatchContext(deps.db, batchId);
          const embedded = await keepAlive(deps, jobId, { batchId }, async () => {
            const chunked = rememberedChunks(batchId) ?? (await chunkBatch(deps.db, context, batch.files));
            rememberChunks(batchId, chunked);
            // While the provider's budget is spent, park the batch (its slot goes to other batches'
            // chunking and indexing) rather than sleep in the slot; the last rounds wait in place.
            const defer = round < MAX_BUDGET_DEFERRALS ? { deferAboveMs: DEFER_ABOVE_MS } : {};
            return embedBatch(deps, context, chunked, (vectors) => rememberVectors(batchId, vectors), defer);
          });
          recordStage("embed-step", performance.now() - started);
          if ("deferMs" in embedded) return embedded;
          // Let Inngest retry a provider failure that may heal; on the last attempt, or when
          // retrying cannot help (a bad key), fail only the files it hit.
          if (embedded.failed.length > 0 && embedded.retryable && attempt < RETRIES) throw new Error(embedded.failed[0]!.error);
          // Indexed in the same step, right after its vectors arrive: the slot does not go back to the
          // queue behind every other batch's embedding, and the chunks are still in hand.
          const indexed = await timed("index-step", () =>
            guardedWorkerStep(inngest, deps, jobId, { batchId }, async () => {
              const memo = takeBatchMemo(batchId);
              // Chunking again (a memo miss) can take long: it runs inside keepAlive, so the batch stays alive.
              return keepAlive(deps, jobId, { batchId }, async () =>
                indexBatch(deps, context, memo?.chunked ?? (await chunkBatch(deps.db, context, batch.files)), embedded.failed, batch.seq, memo?.vectors),
              );
            }),
          );
          return { embedded, indexed };
        });
        if ("deferMs" in outcome) await step.sleep(`wait-for-budget-${round}`, `${Math.ceil(outcome.deferMs / 1000)}s`);
        else done = outcome;
      }
      const { embedded, indexed } = done;
      const completion = await step.run("complete-batch", () =>
        completeBatch(
          deps.db,
          batchId,
          {
            status: "succeeded",
            counts: {
              filesIndexed: indexed.indexed,
              filesFailed: indexed.failed,
              chunksTotal: embedded.chunksTotal,
              chunksEmbedded: embedded.embedded,
              chunksReused: embedded.reused,
              requestsEmbedding: embedded.requests,
              embeddingTokens: embedded.tokens,
              vectorsUpserted: indexed.vectorsUpserted,
              vectorsDeleted: indexed.vectorsDeleted,
            },
          },
          nowOf(deps),
        ),
      );
      if (completion.last) await step.sendEvent("signal-completion", batchesCompleted.create({ jobId }));
      return { ...indexed, chunks: embedded.chunksTotal, embedded: embedded.embedded };
    },
  );
}
