import { countTokens as countCl100k, encodeGenerator, decode } from "gpt-tokenizer/encoding/cl100k_base";
import { CL100K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";

/**
 * Special tokens such as `<|endoftext|>` are ordinary text in a source file: with nothing
 * disallowed and nothing allowed, gpt-tokenizer encodes them byte-wise instead of throwing.
 */
const SPECIAL_AS_TEXT = { disallowedSpecial: new Set<string>() };

/** Exact cl100k_base token count of `text`, treating special tokens as text. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : countCl100k(text, SPECIAL_AS_TEXT);
}

// Source lines repeat a lot ("}", "  });", imports): remembering short ones saves most calls.
const SHORT_LINE = 160;
const MAX_REMEMBERED = 100_000;
const remembered = new Map<string, number>();

/** Same as countTokens, memoised for short strings. */
export function countTokensCached(text: string): number {
  if (text.length > SHORT_LINE) return countTokens(text);
  const known = remembered.get(text);
  if (known !== undefined) return known;
  const count = countTokens(text);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(text, count);
  return count;
}

const MAX_REMEMBERED_PIECES = 200_000;
const pieceCounts = new Map<string, number>();

/**
 * Token counts of consecutive slices of `text`, one per start offset in `sliceStarts`
 * (ascending, the first being 0), in a single pass. gpt-tokenizer splits text with the cl100k
 * regex and encodes every match on its own, so a count is the sum over matches; matches repeat
 * endlessly in source code, so each distinct one is encoded once. Every match is credited to
 * the slice it starts in, which is exact as long as no match crosses a slice start; the
 * segment starts used here never are crossed (see segments.ts).
 */
export function countTokensPerSlice(text: string, sliceStarts: readonly number[]): number[] {
  const counts = new Array<number>(sliceStarts.length).fill(0);
  let slice = 0;
  let nextStart = sliceStarts[1] ?? Infinity;
  for (const match of text.matchAll(CL100K_TOKEN_SPLIT_REGEX)) {
    while (match.index >= nextStart) {
      slice += 1;
      nextStart = sliceStarts[slice + 1] ?? Infinity;
    }
    const piece = match[0];
    let count = pieceCounts.get(piece);
    if (count === undefined) {
      count = countTokens(piece);
      if (pieceCounts.size >= MAX_REMEMBERED_PIECES) pieceCounts.clear();
      pieceCounts.set(piece, count);
    }
    counts[slice] = (counts[slice] ?? 0) + count;
  }
  return counts;
}

export interface TokenPiece {
  text: string;
  tokens: number;
}

/**
 * The tokenizer's own pre-token pieces of `text` with their token counts. Pieces are exact
 * substrings in order, so cutting between them keeps every character.
 */
export function* tokenPieces(text: string): Generator<TokenPiece> {
  for (const tokens of encodeGenerator(text, SPECIAL_AS_TEXT)) {
    yield { text: decode(tokens), tokens: tokens.length };
  }
}
