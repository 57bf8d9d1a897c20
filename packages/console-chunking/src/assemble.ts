import type { Chunk } from "@repo/console-types";
import type { Atom } from "./atom";
import { chunkHash } from "./fingerprint";
import { lineAtoms, type AtomContext } from "./line-atoms";
import { splitOversize, strongestCut } from "./pack";
import { countTokensCached } from "./tokens";

export interface AssembleContext extends AtomContext {
  kind: Chunk["kind"];
  fingerprint: string;
  reach: number;
}

export interface Span {
  /** 0-based inclusive line range, for text reproduction and overlap. */
  firstLine: number;
  lastLine: number;
  firstSegment: number;
  lastSegment: number;
  tokens: number;
  text: string;
  context: string | undefined;
  isWindow: boolean;
}

/**
 * Turns packed runs into spans with exact token counts. Counts come from segment sums (exact,
 * see segments.ts) plus the last line counted without its newline; the rare run that the exact
 * count puts over the limit is split again, down to lines and windows.
 */
export function spansFromRuns(ctx: AssembleContext, runs: Atom[][]): Span[] {
  const spans: Span[] = [];
  const emit = (run: Atom[]) => {
    const span = spanOf(ctx, run);
    if (span.tokens <= ctx.maxTokens) {
      spans.push(span);
    } else if (run.length > 1) {
      const [left, right] = halve(run, ctx);
      emit(left);
      emit(right);
    } else {
      const atom = run[0] as Atom;
      const lines = lineAtoms(ctx, atom.firstSegment, atom.lastSegment, atom.rank, atom.scope);
      if (lines.length === 1 && !lines[0]?.window) throw new Error("chunker invariant: a single line over the limit was not windowed");
      for (const part of splitOversize(lines, ctx.maxTokens, ctx.reach)) emit(part);
    }
  };
  for (const run of runs) emit(run);
  return spans;
}

function halve(run: Atom[], ctx: AssembleContext): [Atom[], Atom[]] {
  const cut = strongestCut(run, ctx.reach);
  return [run.slice(0, cut), run.slice(cut)];
}

function spanOf(ctx: AssembleContext, run: Atom[]): Span {
  const first = run[0] as Atom;
  const last = run.at(-1) as Atom;
  const { segments, lines, tokensBefore } = ctx.source;
  const firstLine = segments[first.firstSegment]?.line ?? 0;
  const lastLine = segments[last.lastSegment]?.line ?? firstLine;
  const context = contextOf(run);
  if (first.window) {
    return {
      firstLine,
      lastLine,
      firstSegment: first.firstSegment,
      lastSegment: first.lastSegment,
      tokens: first.window.tokens,
      text: first.window.text,
      context,
      isWindow: true,
    };
  }
  const tokens = (tokensBefore[last.lastSegment] ?? 0) - (tokensBefore[first.firstSegment] ?? 0) + countTokensCached(lines[lastLine] ?? "");
  const text = lines.slice(firstLine, lastLine + 1).join("\n");
  return { firstLine, lastLine, firstSegment: first.firstSegment, lastSegment: last.lastSegment, tokens, text, context, isWindow: false };
}

const MAX_SYMBOLS = 4;

/** "Server > listen, close": the first atom's scope, then the names the run declares. */
function contextOf(run: Atom[]): string | undefined {
  const scope = run[0]?.scope ?? [];
  const symbols: string[] = [];
  for (const atom of run) for (const symbol of atom.symbols) if (!symbols.includes(symbol)) symbols.push(symbol);
  const named = symbols.length > MAX_SYMBOLS ? [...symbols.slice(0, MAX_SYMBOLS), "…"] : symbols;
  const parts = [...scope, ...(named.length > 0 ? [named.join(", ")] : [])];
  return parts.length > 0 ? parts.join(" > ") : undefined;
}

export function toChunk(ctx: AssembleContext, span: Span): Chunk {
  return {
    text: span.text,
    startLine: span.firstLine + 1,
    endLine: span.lastLine + 1,
    tokenCount: span.tokens,
    hash: chunkHash(ctx.fingerprint, ctx.kind, span.context, span.text),
    ...(span.context ? { context: span.context } : {}),
    kind: ctx.kind,
  };
}
