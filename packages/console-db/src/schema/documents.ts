import { index, integer, jsonb, pgTable, text, unique } from "drizzle-orm/pg-core";
import { createdAt, idColumn, oneOf, redactions, updatedAt } from "./columns";
import { sources } from "./sources";

export const DOCUMENT_OUTCOMES = ["indexed", "skipped", "failed"] as const;
export type DocumentOutcome = (typeof DOCUMENT_OUTCOMES)[number];

/**
 * The manifest: what the index holds for each path of a source. The sync diffs the target tree
 * against (path → blob_sha); `chunk_hashes` (in file order) tell which vectors exist, since vector
 * ids derive from (source, path, chunk hash, ordinal) — see console-types ids.ts.
 */
export const documents = pgTable(
  "documents",
  {
    id: idColumn("doc"),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    blobSha: text("blob_sha").notNull(),
    /** sha256 of the file content. */
    contentHash: text("content_hash"),
    chunkHashes: jsonb("chunk_hashes").$type<string[]>().notNull().default([]),
    chunkCount: integer("chunk_count").notNull().default(0),
    tokenCount: integer("token_count").notNull().default(0),
    bytes: integer("bytes").notNull().default(0),
    outcome: text("outcome", { enum: DOCUMENT_OUTCOMES }).notNull(),
    /** Skip reason (console-types SkipReason) when outcome = skipped. */
    reason: text("reason"),
    /** The error message when outcome = failed. */
    error: text("error"),
    /** What was redacted from the indexed text; NULL for versions indexed before scanning (re-read). */
    redactions: redactions(),
    /** Item sources: the service's id of the item (deletions name ids, not paths). */
    externalId: text("external_id"),
    /** Item sources: where a search result links to in the service. */
    url: text("url"),
    /** The commit this row was written for. */
    commit: text("commit").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("documents_source_path_unique").on(t.sourceId, t.path),
    // Rename detection and "which paths hold this blob".
    index("documents_source_blob_idx").on(t.sourceId, t.blobSha),
    index("documents_source_outcome_idx").on(t.sourceId, t.outcome),
    index("documents_source_external_idx").on(t.sourceId, t.externalId),
    oneOf("documents_outcome_check", t.outcome, DOCUMENT_OUTCOMES),
  ],
);
