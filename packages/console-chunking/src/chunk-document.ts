import type { Chunk, ChunkingOptions } from "@repo/console-types";
import { RANK, type Atom } from "./atom";
import { spansFromRuns, toChunk, type AssembleContext } from "./assemble";
import { codeAtoms } from "./code-atoms";
import { fingerprintOf, resolveOptions } from "./fingerprint";
import { languageOf, type GrammarId } from "./language";
import { paragraphAtoms, type AtomContext } from "./line-atoms";
import { markdownAtoms } from "./markdown-atoms";
import { addOverlap } from "./overlap";
import { packAtoms } from "./pack";
import { parserFor } from "./parsers";
import { buildSourceLines, normalizeNewlines } from "./segments";

export interface DocumentInput {
  /** Used only to pick the language; it never reaches a hash or a chunk's text. */
  path: string;
  text: string;
}

// Parsing minified or enormous files buys no structure (it is all one line) and costs seconds.
const MAX_PARSE_CHARS = 4_000_000;
const MAX_PARSE_AVERAGE_LINE = 400;

/**
 * Splits a document into chunks of at most maxTokens exact cl100k tokens. Each chunk's text is
 * its lines startLine..endLine joined by "\n" (after CRLF → LF and without a leading BOM), and
 * always starts and ends on a non-blank line. The one exception is a single line longer than
 * maxTokens: it becomes several chunks with startLine = endLine whose texts, in order,
 * concatenate back to that line (whitespace-only windows omitted). Empty or blank text gives [].
 */
export async function chunkDocument(document: DocumentInput, options?: ChunkingOptions): Promise<Chunk[]> {
  const resolved = resolveOptions(options);
  const text = normalizeNewlines(document.text.startsWith("\uFEFF") ? document.text.slice(1) : document.text);
  const source = buildSourceLines(text);
  if (source.segments.length === 0) return [];

  const language = languageOf(document.path);
  const ctx: AssembleContext = {
    source,
    maxTokens: resolved.maxTokens,
    kind: language.kind,
    fingerprint: fingerprintOf(resolved),
    // How far a boundary must win against its neighbours; see pack.ts.
    reach: Math.max(8, Math.floor(resolved.maxTokens / 4)),
  };
  // A file that fits in one chunk needs no syntax tree: it is one chunk either way.
  const fitsWhole = (source.tokensBefore[source.segments.length] ?? 0) <= resolved.maxTokens;
  const atoms =
    language.kind === "markdown"
      ? markdownAtoms(ctx)
      : language.grammar && !fitsWhole && isParseable(text, source.lines.length)
        ? await syntaxAtoms(ctx, language.grammar, text)
        : paragraphAtoms(ctx, 0, source.segments.length - 1, RANK.topLevel, []);

  const spans = spansFromRuns(ctx, packAtoms(atoms, ctx.maxTokens, ctx.reach));
  return addOverlap(source, spans, resolved.overlapTokens, resolved.maxTokens).map((span) => toChunk(ctx, span));
}

function isParseable(text: string, lineCount: number): boolean {
  return text.length <= MAX_PARSE_CHARS && text.length / lineCount <= MAX_PARSE_AVERAGE_LINE;
}

async function syntaxAtoms(ctx: AtomContext, grammar: GrammarId, text: string): Promise<Atom[]> {
  const parser = await parserFor(grammar);
  const tree = parser.parse(text);
  // parse() returns null only when cancelled; lines are then the honest fallback.
  if (!tree) return paragraphAtoms(ctx, 0, ctx.source.segments.length - 1, RANK.topLevel, []);
  try {
    return codeAtoms(ctx, tree.rootNode, 0, ctx.source.lines.length - 1, 0, RANK.topLevel, []);
  } finally {
    tree.delete();
  }
}
