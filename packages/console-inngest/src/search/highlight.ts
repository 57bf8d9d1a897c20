import { identifierParts, wholeTerm } from "@repo/console-db";

const SNIPPET_LINES = 6;
const MAX_LINE = 200;

export interface Snippet {
  /** A few lines of the chunk around its best matches. */
  text: string;
  /** 1-based line of the snippet's first line in the file. */
  startLine: number;
  /** Matching terms as [start, end) offsets into `text`. */
  highlights: Array<[number, number]>;
}

/**
 * The window of the chunk with the most query matches, with those matches marked: whole
 * identifiers, their parts, and quoted phrases, case-insensitively.
 */
export function snippetOf(text: string, chunkStartLine: number, words: readonly string[], phrases: readonly string[]): Snippet {
  const pattern = matchPattern(words, phrases);
  const lines = text.split("\n").map((line) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line));
  const counts = lines.map((line) => (pattern ? (line.match(pattern) ?? []).length : 0));
  let bestStart = 0;
  let bestCount = -1;
  for (let start = 0; start < Math.max(1, lines.length - SNIPPET_LINES + 1); start++) {
    const count = counts.slice(start, start + SNIPPET_LINES).reduce((a, b) => a + b, 0);
    if (count > bestCount) [bestStart, bestCount] = [start, count];
  }
  // Open one line above the window's first match (as much of what follows as fits).
  const firstHit = counts.findIndex((c, i) => i >= bestStart && c > 0);
  if (firstHit >= 0) bestStart = Math.max(0, Math.min(firstHit - 1, lines.length - SNIPPET_LINES));
  const snippet = lines.slice(bestStart, bestStart + SNIPPET_LINES).join("\n");
  const highlights: Array<[number, number]> = [];
  if (pattern) for (const m of snippet.matchAll(pattern)) highlights.push([m.index, m.index + m[0].length]);
  return { text: snippet, startLine: chunkStartLine + bestStart, highlights };
}

function matchPattern(words: readonly string[], phrases: readonly string[]): RegExp | undefined {
  const terms = new Set<string>();
  for (const phrase of phrases) terms.add(phrase);
  for (const word of words) {
    terms.add(word);
    if (wholeTerm(word).length > 2) terms.add(wholeTerm(word));
    for (const part of identifierParts(word)) if (part.length > 2) terms.add(part);
  }
  const alternatives = [...terms]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return alternatives.length === 0 ? undefined : new RegExp(alternatives.join("|"), "gi");
}
