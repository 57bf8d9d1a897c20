import { buildSourceView, type LiteralSpan, type SourceView, type Span } from "./source-view";

const NEXT_DELIMITER = /[#"']/g;

/** Python comments and strings, including triple-quoted docstrings that may mention `import x`. */
export function lexPython(text: string): SourceView {
  const comments: Span[] = [];
  const literals: LiteralSpan[] = [];
  let i = 0;
  for (;;) {
    // Only these characters open comments or strings; jump straight to the next one.
    NEXT_DELIMITER.lastIndex = i;
    const found = NEXT_DELIMITER.exec(text);
    if (!found) break;
    i = found.index;
    const c = text[i]!;
    if (c === "#") {
      const newline = text.indexOf("\n", i);
      const end = newline === -1 ? text.length : newline;
      comments.push({ start: i, end });
      i = end;
    } else if (c === '"' || c === "'") {
      const delimiter = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      const literal = stringAt(text, i, delimiter);
      literals.push(literal);
      i = Math.max(literal.end, i + 1);
    }
  }
  return buildSourceView(text, comments, literals);
}

function stringAt(text: string, start: number, delimiter: string): LiteralSpan {
  const contentStart = start + delimiter.length;
  for (let i = contentStart; i < text.length; i++) {
    const c = text[i];
    // A backslash escapes the next character, even in raw strings, as far as ending the string goes.
    if (c === "\\") i += 1;
    else if (text.startsWith(delimiter, i)) return { start, end: i + delimiter.length, contentStart, contentEnd: i };
    else if (c === "\n" && delimiter.length === 1) return { start, end: i, contentStart, contentEnd: i };
  }
  return { start, end: text.length, contentStart, contentEnd: text.length };
}
