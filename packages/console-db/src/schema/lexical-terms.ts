import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { sources } from "./sources";

/**
 * Term statistics of the lexical index: per source, how many of its lexical rows hold each
 * lexeme (the document frequency BM25's IDF needs), so a query reads them instead of counting
 * matches. The empty term counts the rows themselves (no lexeme is empty). Kept exact by
 * lexical/write-lexical.ts in the transaction that changes the rows.
 */
export const lexicalTerms = pgTable(
  "lexical_terms",
  {
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    term: text("term").notNull(),
    chunks: integer("chunks").notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.sourceId] })],
);
