import { definitionsOf, indexTokens } from "./terms";
import { weightedTsvectorLiteral } from "./tsvector";

/** What a lexical row indexes besides its text: the names it declares and its weighted tsvector literal. */
export interface LexicalTerms {
  /** Names the chunk declares, space separated, as written. */
  symbols: string;
  /** The `terms` column's tsvector literal: symbols (A), path (B), text (C). */
  terms: string;
}

/**
 * The lexical terms of one chunk. Pure and CPU-bound (a few ms per chunk of code), so callers may
 * compute it off the thread that writes (console-inngest's CPU pool) and pass it to
 * replaceLexicalChunks; this module imports nothing that opens a database.
 */
export function lexicalTermsOf(text: string, context: string | undefined, path: string): LexicalTerms {
  const { declared, entries } = definitionsOf(text, context);
  // Table entries (`FST_ERR_X: createError(…)`) count as definitions for ranking (the symbols
  // column), but not in the weighted A field: indexing them there made a 3,000-file sync ~40%
  // slower in bench:cli (78 s against 57 s wall) for a gain the search bench did not need.
  const symbols = [...declared, ...entries];
  const terms = weightedTsvectorLiteral([
    [indexTokens(declared.join(" ")), "A"],
    [indexTokens(path), "B"],
    [indexTokens(text), "C"],
  ]);
  return { symbols: symbols.join(" "), terms };
}
