import cl100k, { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";

/**
 * Special tokens such as `<|endoftext|>` are ordinary text in a source file: with nothing
 * disallowed and nothing allowed, gpt-tokenizer encodes them byte-wise instead of throwing.
 */
const SPECIAL_AS_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * gpt-tokenizer's own table of the tokens that are valid UTF-8, string → rank (not part of its
 * typed API: read defensively, and without it every piece goes through countTokens).
 */
const RANKS: Map<string, number> | undefined = (() => {
  const core = (cl100k as unknown as { bytePairEncodingCoreProcessor?: { bytePairStringRankEncoder?: unknown } }).bytePairEncodingCoreProcessor;
  const ranks = core?.bytePairStringRankEncoder;
  return ranks instanceof Map && ranks.get("hello") !== undefined ? (ranks as Map<string, number>) : undefined;
})();

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The cl100k token count of one pre-tokenizer piece (a match of the split regex, see pieces.ts):
 * what countTokens(piece) returns, without its per-call work (special-token scan, re-splitting the
 * piece, converting every candidate pair to bytes and back). gpt-tokenizer counts a piece in its
 * vocabulary as one token and otherwise merges byte pairs, always the lowest-ranked pair first (the
 * leftmost of equals), until none is in the vocabulary. For ASCII, bytes are characters, so the same
 * merge runs here on string slices. Other pieces go to countTokens. piece-tokens.test.ts compares
 * the two on every distinct piece of 3,000 real files.
 */
export function pieceTokens(piece: string): number {
  if (!RANKS || NON_ASCII.test(piece)) return countCl100k(piece, SPECIAL_AS_TEXT);
  if (RANKS.has(piece)) return 1;
  return asciiMergeCount(piece, RANKS);
}

function asciiMergeCount(piece: string, ranks: Map<string, number>): number {
  // starts[0..parts] are the current parts' boundaries; rank[i] is the rank of parts i and i+1 merged.
  const starts: number[] = [];
  const rank: number[] = [];
  const n = piece.length;
  for (let i = 0; i <= n; i++) starts.push(i);
  for (let i = 0; i < n - 1; i++) rank.push(ranks.get(piece.slice(i, i + 2)) ?? Infinity);
  let parts = n;
  const pairRank = (i: number) => (i + 2 <= parts ? (ranks.get(piece.slice(starts[i]!, starts[i + 2]!)) ?? Infinity) : Infinity);
  while (parts > 1) {
    let lowest = Infinity;
    let at = -1;
    for (let i = 0; i < parts - 1; i++) {
      if (rank[i]! < lowest) {
        lowest = rank[i]!;
        at = i;
      }
    }
    if (at < 0) break;
    starts.splice(at + 1, 1);
    rank.splice(at, 1);
    parts -= 1;
    if (at < parts - 1) rank[at] = pairRank(at);
    if (at > 0) rank[at - 1] = pairRank(at - 1);
  }
  return parts;
}
