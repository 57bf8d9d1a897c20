import { countTokens, countTokensPerSlice } from "./tokens";

/**
 * A segment is one non-blank line plus the blank lines after it. Chunk text always starts and
 * ends on a non-blank line, and cl100k's pre-tokenizer never joins text across a newline that
 * is followed by a non-blank line, so tokens(lines s..e joined) is exactly
 * Σ tokens(segment + "\n") over the segments before the last + tokens(last line). Counting each
 * segment once therefore gives exact chunk counts without re-tokenizing chunk text.
 */
export interface Segment {
  /** 0-based index of the segment's non-blank line. */
  line: number;
  /** Tokens of the segment's lines joined, plus the newline that follows it. */
  tokens: number;
}

export interface SourceLines {
  lines: string[];
  segments: Segment[];
  /** For each line, the index of the segment it belongs to (-1 for leading blank lines). */
  segmentOfLine: Int32Array;
  /** tokensBefore[i] = Σ segments[0..i-1].tokens, so a range sum is one subtraction. */
  tokensBefore: Float64Array;
}

const BLANK = /^\s*$/;

export function isBlank(line: string): boolean {
  return BLANK.test(line);
}

/** CRLF and lone CR become LF so the same file checked out on Windows chunks identically. */
export function normalizeNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

export function buildSourceLines(text: string): SourceLines {
  const lines = text.split("\n");
  const segmentLines: number[] = [];
  const segmentStarts: number[] = [];
  const segmentOfLine = new Int32Array(lines.length).fill(-1);
  let offset = 0;
  lines.forEach((line, index) => {
    if (!isBlank(line)) {
      segmentLines.push(index);
      segmentStarts.push(offset);
    }
    segmentOfLine[index] = segmentLines.length - 1;
    offset += line.length + 1;
  });
  // Leading blank lines belong to no segment; the first segment's count starts at its line.
  const firstStart = segmentStarts[0] ?? 0;
  const counts = countTokensPerSlice(
    text.slice(firstStart),
    segmentStarts.map((start) => start - firstStart),
  );
  // The file's last segment has no newline after it in the text; give it one like the others.
  const lastIndex = segmentLines.length - 1;
  if (lastIndex >= 0 && !text.endsWith("\n")) {
    counts[lastIndex] = countTokens(text.slice(segmentStarts[lastIndex]) + "\n");
  }
  const segments = segmentLines.map((line, i) => ({ line, tokens: counts[i] ?? 0 }));
  const tokensBefore = new Float64Array(segments.length + 1);
  segments.forEach((segment, i) => (tokensBefore[i + 1] = (tokensBefore[i] ?? 0) + segment.tokens));
  return { lines, segments, segmentOfLine, tokensBefore };
}

/** Segment index range covering non-blank lines in [firstLine, lastLine] (0-based), or undefined if all blank. */
export function segmentRange(source: SourceLines, firstLine: number, lastLine: number): [number, number] | undefined {
  let first = source.segmentOfLine[firstLine] ?? -1;
  if (first < 0 || (source.segments[first]?.line ?? -1) < firstLine) first += 1;
  const last = source.segmentOfLine[lastLine] ?? -1;
  if (last < first || first >= source.segments.length) return undefined;
  return [first, last];
}

export function sumTokens(source: SourceLines, firstSegment: number, lastSegment: number): number {
  return (source.tokensBefore[lastSegment + 1] ?? 0) - (source.tokensBefore[firstSegment] ?? 0);
}
