/**
 * Two same-length views of a source file, so matches map back to the original offsets:
 * `code` blanks comments and fills string contents with `x` (quotes kept), so keywords inside
 * them never match; `prose` keeps only comments and string literals, where issue references
 * and keys are written.
 */
export interface SourceView {
  code: string;
  prose: string;
}

export interface Span {
  start: number;
  end: number;
}

/** Literal spans include their delimiters; `contentStart`/`contentEnd` exclude them. */
export interface LiteralSpan extends Span {
  contentStart: number;
  contentEnd: number;
}

const NEWLINE = 10;
const SPACE = 32;
const FILLER = 120; // "x"
// UTF-16 code units in (Uint16Array is little-endian on every platform Node ships for), the same
// units out: offsets stay exact (a lone surrogate becomes U+FFFD).
const utf16 = new TextDecoder("utf-16le");

/**
 * Built in two code-unit buffers rather than from string slices: on a 9 MB bundle the slices
 * cost more in garbage collection than the lexing itself.
 */
export function buildSourceView(text: string, comments: readonly Span[], literals: readonly LiteralSpan[]): SourceView {
  const code = new Uint16Array(text.length);
  const prose = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    code[i] = unit;
    prose[i] = unit === NEWLINE ? NEWLINE : SPACE;
  }
  for (const { start, end } of comments) {
    for (let i = start; i < end; i++) {
      if (code[i] === NEWLINE) continue;
      prose[i] = code[i]!;
      code[i] = SPACE;
    }
  }
  for (const { start, end, contentStart, contentEnd } of literals) {
    for (let i = start; i < end; i++) {
      if (code[i] === NEWLINE) continue;
      prose[i] = code[i]!;
      if (i >= contentStart && i < contentEnd) code[i] = FILLER;
    }
  }
  return { code: utf16.decode(code), prose: utf16.decode(prose) };
}

/** Reads the literal whose opening quote is at `quoteAt` in the code view, from the original text. */
export function literalAt(text: string, code: string, quoteAt: number): { value: string; end: number } | undefined {
  const quote = code[quoteAt];
  if (quote !== '"' && quote !== "'" && quote !== "`") return undefined;
  const end = code.indexOf(quote, quoteAt + 1);
  if (end === -1) return undefined;
  const value = text.slice(quoteAt + 1, end);
  // Specifiers are single-line and not templated: `./x/${name}` names no single file.
  if (value === "" || value.includes("\n") || value.includes("${")) return undefined;
  return { value, end };
}
