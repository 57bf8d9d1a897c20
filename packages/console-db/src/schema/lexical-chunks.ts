import { customType, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { sources } from "./sources";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The lexical side of search: one row per stored vector (same id), written and deleted in the
 * manifest's transaction so it always describes the chunks at the synced commit. `terms` weights
 * the chunk's defined symbols (A), its path (B) and its identifier-aware body tokens (C); see
 * lexical/terms.ts for how identifiers become tokens.
 */
export const lexicalChunks = pgTable(
  "lexical_chunks",
  {
    vectorId: text("vector_id").primaryKey(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    startLine: integer("start_line").notNull(),
    endLine: integer("end_line").notNull(),
    /** Names the chunk declares, space separated, as written. */
    symbols: text("symbols").notNull(),
    /** The commit the chunk was indexed at. */
    commit: text("commit").notNull(),
    /** The chunk's text (for snippets and highlighting). */
    content: text("content").notNull(),
    terms: tsvector("terms").notNull(),
  },
  (t) => [index("lexical_chunks_terms_idx").using("gin", t.terms), index("lexical_chunks_source_path_idx").on(t.sourceId, t.path)],
);
