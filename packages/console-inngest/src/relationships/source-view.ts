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

export function buildSourceView(text: string, comments: readonly Span[], literals: readonly LiteralSpan[]): SourceView {
  const code = text.split("");
  const prose = text.replace(/[^\n]/g, " ").split("");
  for (const { start, end } of comments) {
    for (let i = start; i < end; i++) {
      if (text[i] === "\n") continue;
      code[i] = " ";
      prose[i] = text[i]!;
    }
  }
  for (const { start, end, contentStart, contentEnd } of literals) {
    for (let i = start; i < end; i++) {
      if (text[i] === "\n") continue;
      if (i >= contentStart && i < contentEnd) code[i] = "x";
      prose[i] = text[i]!;
    }
  }
  return { code: code.join(""), prose: prose.join("") };
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
