import { buildSourceView, type LiteralSpan, type SourceView, type Span } from "./source-view";

// After these, `/` starts a regular expression literal rather than a division.
const REGEX_AFTER_PUNCTUATION = new Set("(,=:[!&|?{};+-*%<>~^".split(""));
const BLANK = new Set([" ", "\t", "\n", "\r"]);
const NEXT_DELIMITER = /[/"'`]/g;
const REGEX_AFTER_KEYWORD = /(?:^|[^\w$])(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/;

export interface CLikeOptions {
  /** JavaScript's `/re/` literals and `${}` templates; off for C, Java, Rust and friends. */
  javascript: boolean;
}

/** A lexer for C-family syntax: comments, quoted strings, and for JavaScript templates and regexes. */
export function lexCLike(text: string, { javascript }: CLikeOptions): SourceView {
  const comments: Span[] = [];
  const literals: LiteralSpan[] = [];
  let i = text.startsWith("#!") ? skipTo(text, 0, "\n") : 0;
  if (i > 0) comments.push({ start: 0, end: i });

  for (;;) {
    // Everything between these characters is plain code, so jump straight to the next one.
    NEXT_DELIMITER.lastIndex = i;
    const found = NEXT_DELIMITER.exec(text);
    if (!found) break;
    i = found.index;
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && (next === "/" || next === "*")) {
      const end = next === "/" ? skipTo(text, i, "\n") : closeOfBlockComment(text, i);
      comments.push({ start: i, end });
      i = end;
    } else if (c === '"' || c === "'") {
      i = pushLiteral(literals, i, quotedEnd(text, i + 1, c));
    } else if (c === "`" && javascript) {
      i = pushLiteral(literals, i, templateEnd(text, i + 1));
    } else if (c === "/" && javascript && regexMayStart(text, i)) {
      i = pushLiteral(literals, i, regexEnd(text, i + 1));
    } else {
      i += 1;
    }
  }
  return buildSourceView(text, comments, literals);
}

function closeOfBlockComment(text: string, start: number): number {
  const close = text.indexOf("*/", start + 2);
  return close === -1 ? text.length : close + 2;
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

/** Decided by the last non-blank character before the slash, as a JavaScript tokenizer would. */
function regexMayStart(text: string, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && BLANK.has(text[before]!)) before -= 1;
  const lastSignificant = before < 0 ? "" : text[before]!;
  if (lastSignificant === "" || REGEX_AFTER_PUNCTUATION.has(lastSignificant)) return true;
  return /[\w$]/.test(lastSignificant) && REGEX_AFTER_KEYWORD.test(text.slice(Math.max(0, before - 11), before + 1));
}

function skipTo(text: string, from: number, needle: string): number {
  const found = text.indexOf(needle, from);
  return found === -1 ? text.length : found;
}
