/** A word of the text (an identifier, a number, a kebab-case name) and its lower-cased parts. */
export interface Term {
  word: string;
  parts: string[];
  /** The word follows a declaration keyword: this text defines it. */
  definition: boolean;
}

// Words may join with "-" (kebab-case names, CSS classes, file names); "$" and "_" belong to JS/Python names.
const WORD = /[\p{L}\p{N}_$]+(?:-[\p{L}\p{N}_$]+)*/gu;

const DECLARATION_KEYWORDS = new Set([
  "function", "class", "interface", "type", "enum", "const", "let", "var", "def", "func", "struct",
  "trait", "impl", "fn", "module", "namespace", "macro", "record", "protocol", "object",
]);

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

export function extractTerms(text: string): Term[] {
  const terms: Term[] = [];
  let previous = "";
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    terms.push({ word: word.toLowerCase(), parts: splitIdentifier(word), definition: DECLARATION_KEYWORDS.has(previous) });
    previous = word;
  }
  return terms;
}
