import type { SourceLines } from "./segments";
import type { Span } from "./assemble";

/**
 * Prepends whole trailing lines of the previous span, up to `overlapTokens` and never past
 * maxTokens. Overlap copies a neighbour's text into a chunk, so an edit near a boundary then
 * changes two hashes instead of one: that is why the default is 0.
 */
export function addOverlap(source: SourceLines, spans: Span[], overlapTokens: number, maxTokens: number): Span[] {
  if (overlapTokens <= 0) return spans;
  return spans.map((span, index) => {
    const previous = spans[index - 1];
    if (!previous || previous.isWindow || span.isWindow || previous.lastSegment !== span.firstSegment - 1) return span;
    const budget = Math.min(overlapTokens, maxTokens - span.tokens);
    const before = (segment: number) => (source.tokensBefore[span.firstSegment] ?? 0) - (source.tokensBefore[segment] ?? 0);
    let start = span.firstSegment;
    // Stop one segment short of the whole previous span: overlap is context, not a duplicate.
    while (start - 1 > previous.firstSegment && before(start - 1) <= budget) start -= 1;
    if (start === span.firstSegment) return span;
    const firstLine = source.segments[start]?.line ?? span.firstLine;
    // Whole segments followed by the span's first non-blank line: counts add exactly.
    const tokens = span.tokens + before(start);
    const text = source.lines.slice(firstLine, span.lastLine + 1).join("\n");
    return { ...span, firstLine, firstSegment: start, tokens, text };
  });
}
