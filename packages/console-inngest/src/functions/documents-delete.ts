import type { TributaryInngest } from "../client";
import { batchesCompleted, deleteRequested, sourceReleased, syncRequested } from "../events";
import { completeBatch, failBatch } from "../sync/complete-batch";
import type { SyncDeps } from "../sync/deps";
import { deleteBatchDocuments, deleteRemovedSource } from "../sync/delete-documents";
import { describeError } from "../sync/errors";
import { nowOf } from "../sync/lease";
import { guardedWorkerStep } from "../sync/trespass";

// documents.delete — removes documents with their vectors and edges.
//   a delete batch of a job (deleted, renamed-from and newly excluded paths):
//     1. delete-documents  2. complete-batch (the last batch signals completion)
//   a removed source: 1. delete-source-documents (under the removal's lease)  2. hand the source over
export function createDocumentsDelete(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "documents-delete",
      name: "documents.delete",
      triggers: [deleteRequested],
      // Deleting by id prefix is idempotent, so retries are safe; the vector store may hiccup.
      retries: 3,
      onFailure: async ({ event, error, step }) => {
        const { batchId } = event.data.event.data;
        if (!batchId) return;
        const result = await step.run("fail-batch", () => failBatch(deps, batchId, describeError(error)));
        if (result.last) await step.sendEvent("signal-completion", batchesCompleted.create({ jobId: result.jobId }));
      },
    },
    async ({ event, step }) => {
      const { jobId, batchId, sourceId, connection } = event.data;
      if (sourceId && !batchId) {
        if (connection === undefined) return { ignored: "a source removal needs its connection number" };
        const removed = await step.run("delete-source-documents", () => deleteRemovedSource(deps, sourceId, connection));
        const handOver = [
          ...(removed.released ? [sourceReleased.create({ sourceId })] : []),
          ...(removed.followUp
            ? [syncRequested.create({ sourceId, requestId: removed.followUp.requestId, commit: null, trigger: removed.followUp.trigger })]
            : []),
        ];
        if (handOver.length > 0) await step.sendEvent("hand-over", handOver);
        return { documents: removed.documents, vectors: removed.vectors };
      }
      if (!jobId || !batchId) return { ignored: "an event needs a sourceId, or a jobId with a batchId" };
      const deleted = await step.run("delete-documents", () =>
        guardedWorkerStep(inngest, deps, jobId, { batchId }, () => deleteBatchDocuments(deps, jobId, batchId)),
      );
      const completion = await step.run("complete-batch", () =>
        completeBatch(deps.db, batchId, { status: "succeeded", counts: { filesDeleted: deleted.deleted, vectorsDeleted: deleted.vectors } }, nowOf(deps)),
      );
      if (completion.last) await step.sendEvent("signal-completion", batchesCompleted.create({ jobId }));
      return deleted;
    },
  );
}
