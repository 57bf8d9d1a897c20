import type { TributaryInngest } from "../client";
import { batchesCompleted, deleteRequested } from "../events";
import { completeBatch, failBatch } from "../sync/complete-batch";
import type { SyncDeps } from "../sync/deps";
import { deleteBatchDocuments, deleteSourceDocuments } from "../sync/delete-documents";
import { describeError } from "../sync/errors";

// documents.delete — removes documents with their vectors and edges.
//   a delete batch of a job (deleted, renamed-from and newly excluded paths):
//     1. delete-documents  2. complete-batch (the last batch signals completion)
//   a removed source: 1. delete-source-documents
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
        const result = await step.run("fail-batch", () => failBatch(deps.db, batchId, describeError(error)));
        if (result.last) await step.sendEvent("signal-completion", batchesCompleted.create({ jobId: result.jobId }));
      },
    },
    async ({ event, step }) => {
      const { jobId, batchId, sourceId } = event.data;
      if (sourceId && !batchId) return step.run("delete-source-documents", () => deleteSourceDocuments(deps, sourceId));
      if (!jobId || !batchId) return { ignored: "an event needs a sourceId, or a jobId with a batchId" };
      const deleted = await step.run("delete-documents", () => deleteBatchDocuments(deps, jobId, batchId));
      const completion = await step.run("complete-batch", () => completeBatch(deps.db, batchId, { status: "succeeded", counts: { filesDeleted: deleted.deleted } }));
      if (completion.last) await step.sendEvent("signal-completion", batchesCompleted.create({ jobId }));
      return deleted;
    },
  );
}
