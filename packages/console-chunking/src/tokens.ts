import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { pieceTokens } from "./piece-tokens";
import { pieceEnd } from "./pieces";

/**
 * Special tokens such as `<|endoftext|>` are ordinary text in a source file: with nothing
 * disallowed and nothing allowed, gpt-tokenizer encodes them byte-wise instead of throwing.
 */
const SPECIAL_AS_TEXT = { disallowedSpecial: new Set<string>() };

/** Exact cl100k_base token count of `text`, treating special tokens as text. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : countCl100k(text, SPECIAL_AS_TEXT);
}

// Only short slices are worth remembering whole; long ones rarely repeat.
const SHORT_LINE = 160;

/** Same as countTokens, from remembered lines and pieces where possible. */
export function countTokensCached(text: string): number {
  return countSlice(text);
}

// Per map. On bench:cli's 3,000-file corpus the slice map hits ~46% at 200,000 entries and ~46% at
// 50,000; the piece map misses 113k times at 200,000 and 152k at 50,000 (≈ 0.2 s of counting), while
// the two full maps held ~90 MB of each CPU worker's heap with the embedder's caches.
const MAX_REMEMBERED = 50_000;
const pieceCounts = new Map<string, number>();
const sliceCounts = new Map<string, number>();

/**
 * Token counts of consecutive slices of `text`, one per start offset in `sliceStarts`
 * (ascending). gpt-tokenizer splits text with the cl100k regex (pieces.ts finds the same pieces) and encodes every match on its
 * own, so a count is the sum over matches. That is exact per slice as long as no match crosses
 * a slice start, which holds for the segment starts used here (see segments.ts). Source code
 * repeats both whole lines ("}", imports) and pieces (identifiers, operators), so each distinct
 * short slice and each distinct piece is encoded only once per process.
 */
export function countTokensPerSlice(text: string, sliceStarts: readonly number[]): number[] {
  return sliceStarts.map((start, i) => countSlice(text.slice(start, sliceStarts[i + 1] ?? text.length)));
}

function countSlice(slice: string): number {
  const short = slice.length <= SHORT_LINE;
  if (short) {
    const known = sliceCounts.get(slice);
    if (known !== undefined) return known;
  }
  let total = 0;
  for (let start = 0, end = 0; start < slice.length; start = end) {
    end = pieceEnd(slice, start);
    total += countPiece(slice.slice(start, end));
  }
  if (short) remember(sliceCounts, slice, total);
  return total;
}

function countPiece(piece: string): number {
  let count = pieceCounts.get(piece);
  if (count === undefined) {
    count = pieceTokens(piece);
    remember(pieceCounts, piece, count);
  }
  return count;
}

function remember(cache: Map<string, number>, key: string, value: number): void {
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  cache.set(key, value);
}

export interface TokenPiece {
  text: string;
  tokens: number;
}

/**
 * The tokenizer's own pre-token pieces of `text` (the cl100k regex matches it encodes one by
 * one) with their token counts. Pieces are exact substrings in order, so cutting between them
 * keeps every character.
 */
export function* tokenPieces(text: string): Generator<TokenPiece> {
  for (let start = 0, end = 0; start < text.length; start = end) {
    end = pieceEnd(text, start);
    const piece = text.slice(start, end);
    yield { text: piece, tokens: countPiece(piece) };
  }
}
