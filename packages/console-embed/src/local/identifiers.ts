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
  return word
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2")
    .split(/[\s_$-]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.toLowerCase());
}

// Go methods put the receiver between the keyword and the name: func (s *Store) CreateUser(...).
const GO_METHOD_NAME = /\bfunc\s*\([^)]*\)\s*([\p{L}_][\p{L}\p{N}_]*)/gu;

export function forEachWord(text: string, visit: WordVisitor): void {
  const goMethods = new Set<number>();
  if (text.includes("func")) for (const match of text.matchAll(GO_METHOD_NAME)) goMethods.add(match.index + match[0].length - match[1]!.length);
  let previous = "";
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    visit(word, DECLARATION_KEYWORDS.has(previous) || goMethods.has(match.index) || (VARIABLE_KEYWORDS.has(previous) && isTopLevel(text, match.index)));
    previous = word;
  }
}

function isTopLevel(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  return TOP_LEVEL_VARIABLE.test(text.slice(lineStart, index));
}
