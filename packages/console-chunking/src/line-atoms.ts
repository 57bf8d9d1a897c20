import { lineKey, RANK, type Atom } from "./atom";
import { sumTokens, type SourceLines } from "./segments";
import { countTokens } from "./tokens";
import { splitLineIntoWindows } from "./windows";
import { append } from "./append";

export interface AtomContext {
  source: SourceLines;
  maxTokens: number;
}

/** One atom per line; a line that alone exceeds maxTokens becomes token windows. */
export function lineAtoms(ctx: AtomContext, firstSegment: number, lastSegment: number, firstRank: number, scope: readonly string[]): Atom[] {
  const atoms: Atom[] = [];
  for (let index = firstSegment; index <= lastSegment; index++) {
    const segment = ctx.source.segments[index];
    if (!segment) continue;
    const line = ctx.source.lines[segment.line] ?? "";
    const rank = index === firstSegment ? firstRank : RANK.line;
    const base = { firstSegment: index, lastSegment: index, rank, key: lineKey(line), scope, symbols: [] };
    // A segment's count includes its trailing blank lines; only the line itself must fit.
    if (segment.tokens <= ctx.maxTokens || countTokens(line) <= ctx.maxTokens) {
      atoms.push({ ...base, tokens: segment.tokens });
      continue;
    }
    for (const window of splitLineIntoWindows(line, ctx.maxTokens)) {
      atoms.push({ ...base, tokens: window.tokens, window });
    }
  }
  return atoms;
}

/**
 * Paragraphs (runs of lines without a blank line between them) as atoms; a paragraph too big
 * to fit falls back to its lines.
 */
export function paragraphAtoms(ctx: AtomContext, firstSegment: number, lastSegment: number, firstRank: number, scope: readonly string[]): Atom[] {
  const atoms: Atom[] = [];
  let start = firstSegment;
  for (let index = firstSegment; index <= lastSegment; index++) {
    const here = ctx.source.segments[index];
    const next = ctx.source.segments[index + 1];
    const endsParagraph = index === lastSegment || !here || !next || next.line > here.line + 1;
    if (!endsParagraph) continue;
    const rank = start === firstSegment ? firstRank : RANK.paragraph;
    const tokens = sumTokens(ctx.source, start, index);
    if (tokens <= ctx.maxTokens) {
      const firstLine = ctx.source.lines[ctx.source.segments[start]?.line ?? 0] ?? "";
      atoms.push({ firstSegment: start, lastSegment: index, tokens, rank, key: lineKey(firstLine), scope, symbols: [] });
    } else {
      append(atoms, lineAtoms(ctx, start, index, rank, scope));
    }
    start = index + 1;
  }
  return atoms;
}
