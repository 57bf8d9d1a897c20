/**
 * Calls `visit` with each word of the text (an identifier, a number, a kebab-case name) as
 * written, in order, and whether it follows a declaration keyword (the text defines it).
 */
export type WordVisitor = (word: string, definition: boolean) => void;

// Words may join with "-" (kebab-case names, CSS classes, file names); "$" and "_" belong to JS/Python names.
const WORD = /[\p{L}\p{N}_$]+(?:-[\p{L}\p{N}_$]+)*/gu;

const DECLARATION_KEYWORDS = new Set([
  "function",
  "class",
  "interface",
  "type",
  "enum",
  "def",
  "func",
  "struct",
  "trait",
  "impl",
  "fn",
  "module",
  "namespace",
  "macro",
  "record",
  "protocol",
  "object",
]);
// Variables count as definitions only at the top level (not indented): `export const loadConfig =`,
// not the `const response` inside a function body.
const VARIABLE_KEYWORDS = new Set(["const", "let", "var"]);
const TOP_LEVEL_VARIABLE = /^(?:export\s+)?(?:const|let|var)\s+$/;

/** Splits "parseHTTPResponse2_fast-path" into parse, http, response, 2, fast, path. */
export function splitIdentifier(word: string): string[] {
  return asciiSplit(word) ?? unicodeSplit(word);
}

/** The rules of splitIdentifier as regular expressions, for any text (and the reference asciiSplit is tested against). */
export function unicodeSplit(word: string): string[] {
  return word
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2")
    .split(/[\s_$-]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.toLowerCase());
}

const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const SEPARATOR = 4;
const SPLIT_CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) SPLIT_CLASS[c] = LOWER;
for (let c = 65; c <= 90; c++) SPLIT_CLASS[c] = UPPER;
for (let c = 48; c <= 57; c++) SPLIT_CLASS[c] = DIGIT;
for (const c of [9, 10, 11, 12, 13, 32, 36, 45, 95]) SPLIT_CLASS[c] = SEPARATOR;

/**
 * unicodeSplit for a word of ASCII letters, digits and separators (undefined for anything else),
 * without four regex passes over Unicode classes. The replacements never overlap or hide one
 * another, so a part ends exactly where one of them would put a space: lower or digit → upper,
 * letter ↔ digit, and between two capitals when a lower-case letter follows ("HTTPResponse").
 */
function asciiSplit(word: string): string[] | undefined {
  const parts: string[] = [];
  let start = -1;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const kind = c < 128 ? SPLIT_CLASS[c]! : 0;
    if (kind === 0) return undefined;
    if (kind === SEPARATOR) {
      if (start >= 0) parts.push(word.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start >= 0 && splitsBefore(word, i, kind)) {
      parts.push(word.slice(start, i).toLowerCase());
      start = i;
    }
    if (start < 0) start = i;
  }
  if (start >= 0) parts.push(word.slice(start).toLowerCase());
  return parts;
}

/** Whether a part ends before word[i] (of class `kind`, not a separator; word[i - 1] is not one either). */
function splitsBefore(word: string, i: number, kind: number): boolean {
  const before = SPLIT_CLASS[word.charCodeAt(i - 1)]!;
  if (kind === UPPER) {
    if (before === LOWER || before === DIGIT) return true;
    const next = word.charCodeAt(i + 1);
    return before === UPPER && next >= 97 && next <= 122;
  }
  return (kind === DIGIT) !== (before === DIGIT);
}

// Go methods put the receiver between the keyword and the name: func (s *Store) CreateUser(...).
const GO_METHOD_NAME = /\bfunc\s*\([^)]*\)\s*([\p{L}_][\p{L}\p{N}_]*)/gu;

export function forEachWord(text: string, visit: WordVisitor): void {
  const goMethods = new Set<number>();
  if (text.includes("func")) for (const match of text.matchAll(GO_METHOD_NAME)) goMethods.add(match.index + match[0].length - match[1]!.length);
  let previous = "";
  for (let from = 0; ; ) {
    let start = nextWordStart(text, from);
    let end = start < 0 ? -1 : asciiWordEnd(text, start);
    if (end < 0) {
      // A non-ASCII character decides where the next word starts or ends: the regex, from here.
      WORD.lastIndex = from;
      const match = WORD.exec(text);
      if (!match) return;
      start = match.index;
      end = start + match[0].length;
    }
    if (start >= text.length) return;
    const word = text.slice(start, end);
    visit(word, DECLARATION_KEYWORDS.has(previous) || goMethods.has(start) || (VARIABLE_KEYWORDS.has(previous) && isTopLevel(text, start)));
    previous = word;
    from = end;
  }
}

// WORD's characters among ASCII: letters, digits, "_" and "$".
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;
ASCII_WORD[95] = ASCII_WORD[36] = 1;
const HYPHEN = 45;

/**
 * WORD (\p{L} and \p{N} are Unicode classes, which V8 matches several times slower than a table
 * lookup) scanned by hand while every character that decides a match is ASCII; -1 hands the
 * decision back to the regex, so the words are exactly the regex's matches.
 */
function nextWordStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return -1;
    if (ASCII_WORD[c]) return i;
  }
  return text.length;
}

/** The end of the word that starts at `start` (an ASCII word character), or -1. */
function asciiWordEnd(text: string, start: number): number {
  if (start >= text.length) return start;
  let i = start;
  for (;;) {
    let c = text.charCodeAt(i);
    while (c < 128 && ASCII_WORD[c]) c = text.charCodeAt(++i);
    // NaN past the end: the word ends there.
    if (!(c >= 128 || c === HYPHEN)) return i;
    if (c >= 128) return -1;
    // "-" joins only when a word character follows it.
    const next = text.charCodeAt(i + 1);
    if (next >= 128) return -1;
    if (!ASCII_WORD[next]) return i;
    i += 1;
  }
}

function isTopLevel(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  return TOP_LEVEL_VARIABLE.test(text.slice(lineStart, index));
}
