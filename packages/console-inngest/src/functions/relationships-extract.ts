import { invoke } from "inngest";
import { z } from "zod";
import type { TributaryInngest } from "../client";
import type { SyncDeps } from "../sync/deps";
import { extractJobRelationships } from "../sync/relationships";

// relationships.extract — invoked by source.sync after finalize, for the documents the job indexed.
//   1. extract-edges: imports, Markdown links, issue/PR refs, URLs, issue keys → relationships
export function createRelationshipsExtract(inngest: TributaryInngest, deps: SyncDeps) {
  return inngest.createFunction(
    {
      id: "relationships-extract",
      name: "relationships.extract",
      triggers: [invoke(z.object({ jobId: z.string() }))],
      // Edges are replaced per document version, so a retry rewrites the same rows.
      retries: 3,
    },
    async ({ event, step }) => step.run("extract-edges", () => extractJobRelationships(deps, event.data.jobId)),
  );
}
