import { buildSourceView, type LiteralSpan, type SourceView, type Span } from "./source-view";

// After these, `/` starts a regular expression literal rather than a division.
const REGEX_AFTER_PUNCTUATION = new Set("(,=:[!&|?{};+-*%<>~^".split(""));
const REGEX_AFTER_KEYWORD = /(?:^|[^\w$])(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/;

export interface CLikeOptions {
  /** JavaScript's `/re/` literals and `${}` templates; off for C, Java, Rust and friends. */
  javascript: boolean;
}

/** A lexer for C-family syntax: comments, quoted strings, and for JavaScript templates and regexes. */
export function lexCLike(text: string, { javascript }: CLikeOptions): SourceView {
  const comments: Span[] = [];
  const literals: LiteralSpan[] = [];
  let lastSignificant = "";
  let i = text.startsWith("#!") ? skipTo(text, 0, "\n") : 0;
  if (i > 0) comments.push({ start: 0, end: i });

  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      const end = skipTo(text, i, "\n");
      comments.push({ start: i, end });
      i = end;
    } else if (c === "/" && next === "*") {
      const close = text.indexOf("*/", i + 2);
      const end = close === -1 ? text.length : close + 2;
      comments.push({ start: i, end });
      i = end;
    } else if (c === '"' || c === "'") {
      i = pushLiteral(literals, i, quotedEnd(text, i + 1, c));
      lastSignificant = c;
    } else if (c === "`" && javascript) {
      i = pushLiteral(literals, i, templateEnd(text, i + 1));
      lastSignificant = c;
    } else if (c === "/" && javascript && regexMayStart(text, i, lastSignificant)) {
      i = pushLiteral(literals, i, regexEnd(text, i + 1));
      lastSignificant = "/";
    } else {
      if (!/\s/.test(c)) lastSignificant = c;
      i += 1;
    }
  }
  return buildSourceView(text, comments, literals);
}

/** Where a literal stops: just past its closing delimiter, or at a newline / end of text when unterminated. */
interface LiteralEnd {
  end: number;
  closed: boolean;
}

function pushLiteral(literals: LiteralSpan[], start: number, { end, closed }: LiteralEnd): number {
  literals.push({ start, end, contentStart: start + 1, contentEnd: closed ? end - 1 : end });
  return Math.max(end, start + 1);
}

function quotedEnd(text: string, from: number, quote: string): LiteralEnd {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i += 1;
    else if (c === quote) return { end: i + 1, closed: true };
    // Strings cannot span lines, so a stray quote (JSX text, Rust lifetimes) costs one line at most.
    else if (c === "\n") return { end: i, closed: false };
  }
  return { end: text.length, closed: false };
}

/** Skips `${ ... }` expressions, which may hold strings and nested templates. */
function templateEnd(text: string, from: number): LiteralEnd {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i += 1;
    else if (c === "`") return { end: i + 1, closed: true };
    else if (c === "$" && text[i + 1] === "{") i = expressionEnd(text, i + 2);
  }
  return { end: text.length, closed: false };
}

/** Index of the `}` closing a template expression (or the end of text). */
function expressionEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === "{") depth += 1;
    else if (c === "}" && --depth === 0) return i;
    else if (c === "`") i = templateEnd(text, i + 1).end - 1;
    else if (c === '"' || c === "'") i = quotedEnd(text, i + 1, c).end - 1;
  }
  return text.length;
}

function regexEnd(text: string, from: number): LiteralEnd {
  let inClass = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i += 1;
    else if (c === "\n") return { end: i, closed: false };
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) return { end: i + 1, closed: true };
  }
  return { end: text.length, closed: false };
}

function regexMayStart(text: string, at: number, lastSignificant: string): boolean {
  if (lastSignificant === "" || REGEX_AFTER_PUNCTUATION.has(lastSignificant)) return true;
  return /[\w$]/.test(lastSignificant) && REGEX_AFTER_KEYWORD.test(text.slice(Math.max(0, at - 12), at).trimEnd());
}

function skipTo(text: string, from: number, needle: string): number {
  const found = text.indexOf(needle, from);
  return found === -1 ? text.length : found;
}
