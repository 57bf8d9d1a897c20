import { countTokens as countCl100k, encodeGenerator, decode } from "gpt-tokenizer/encoding/cl100k_base";

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
