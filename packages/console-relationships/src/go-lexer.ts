import { buildSourceView, type LiteralSpan, type SourceView, type Span } from "./source-view";

const NEXT_DELIMITER = /[/"'`]/g;

/**
 * Go comments and strings. Raw strings (`...`) may span lines and hold no escapes; runes use
 * single quotes.
 */
export function lexGo(text: string): SourceView {
  const comments: Span[] = [];
  const literals: LiteralSpan[] = [];
  let i = 0;
  for (;;) {
    // Only these characters open comments or literals; jump straight to the next one.
    NEXT_DELIMITER.lastIndex = i;
    const found = NEXT_DELIMITER.exec(text);
    if (!found) break;
    i = found.index;
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && (next === "/" || next === "*")) {
      const close = next === "/" ? text.indexOf("\n", i) : text.indexOf("*/", i + 2);
      const end = close === -1 ? text.length : next === "/" ? close : close + 2;
      comments.push({ start: i, end });
      i = end;
    } else if (c === "`") {
      const close = text.indexOf("`", i + 1);
      const end = close === -1 ? text.length : close + 1;
      literals.push({ start: i, end, contentStart: i + 1, contentEnd: close === -1 ? end : close });
      i = end;
    } else if (c === '"' || c === "'") {
      const literal = quotedAt(text, i, c);
      literals.push(literal);
      i = Math.max(literal.end, i + 1);
    } else {
      i += 1;
    }
  }
  return buildSourceView(text, comments, literals);
}

function quotedAt(text: string, start: number, quote: string): LiteralSpan {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i += 1;
    else if (c === quote) return { start, end: i + 1, contentStart: start + 1, contentEnd: i };
    else if (c === "\n") return { start, end: i, contentStart: start + 1, contentEnd: i };
  }
  return { start, end: text.length, contentStart: start + 1, contentEnd: text.length };
}
