/** An identifier as the index reads it: a name ([A-Za-z_$] first) or a number ([0-9] first, no $). indexTokens scans for its matches by hand. */
export const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*|[0-9][A-Za-z0-9_]*/g;
// camelCase / PascalCase / acronym boundaries: parseURLQuery → parse URL Query, utf8Encode → utf8 Encode.
const CAMEL_PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+[a-z]*/g;
const MAX_TERM = 64;

/** The identifier as one search term: lower case, `_` and `$` dropped (max_redirects ≡ maxRedirects). */
export function wholeTerm(identifier: string): string {
  return identifier.replace(/[_$]/g, "").toLowerCase().slice(0, MAX_TERM);
}

/** The words inside an identifier: snake_case and camelCase parts, lower case. */
export function identifierParts(identifier: string): string[] {
  return identifier
    .split(/[_$]+/)
    .flatMap((piece) => piece.match(CAMEL_PART) ?? [])
    .map((part) => part.toLowerCase().slice(0, MAX_TERM));
}

/**
 * The token stream a chunk is indexed as: every identifier as a whole term followed by its parts
 * (when it has more than one), so both `maxRedirects` and "max redirects" find it. Tokens are
 * plain [a-z0-9], which Postgres's `simple` configuration keeps as they are.
 */
export function indexTerms(text: string): string {
  return indexTokens(text).join(" ");
}

/** indexTerms as a list of tokens (indexTerms(text) is this joined with spaces). */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  // IDENTIFIER's matches, scanned by hand: exec made a match array per identifier (~6 million in
  // a 3,000-file sync, the largest share of what the CPU worker allocated after the tsvector's).
  for (let at = 0; at < text.length; ) {
    const kind = IDENTIFIER_CHAR[text.charCodeAt(at)] ?? 0;
    if (kind < NAME_START) {
      at++;
      continue;
    }
    // A name takes letters, digits, _ and $; a number ([0-9] first) the same but $.
    const takes = kind === DIGIT ? NUMBER_PART : NAME_PART;
    let end = at + 1;
    while (end < text.length && ((IDENTIFIER_CHAR[text.charCodeAt(end)] ?? 0) & takes) !== 0) end++;
    for (const token of identifierTokens(text.slice(at, end))) out.push(token);
    at = end;
  }
  return out;
}

// IDENTIFIER's character classes by ASCII code, as bits: a name may continue with the character
// (NAME_PART), a number may (NUMBER_PART); NAME_START and DIGIT, as values, say how a match starts.
const NAME_PART = 1;
const NUMBER_PART = 2;
const NAME_START = 4;
const DIGIT = 8 | NAME_PART | NUMBER_PART;
const IDENTIFIER_CHAR = new Uint8Array(128);
for (let c = 65; c <= 90; c++) IDENTIFIER_CHAR[c] = IDENTIFIER_CHAR[c + 32] = NAME_START | NAME_PART | NUMBER_PART;
for (let c = 48; c <= 57; c++) IDENTIFIER_CHAR[c] = DIGIT;
IDENTIFIER_CHAR[95] = NAME_START | NAME_PART | NUMBER_PART; // _
IDENTIFIER_CHAR[36] = NAME_START | NAME_PART; // $

// Code repeats its identifiers: each distinct one is split once per process (a bounded cache).
const MAX_REMEMBERED = 20_000;
const tokensOfIdentifier = new Map<string, readonly string[]>();
const NO_TOKENS: readonly string[] = [];

/** An identifier's index tokens: its whole term, then its parts when it has more than one. */
function identifierTokens(identifier: string): readonly string[] {
  const known = tokensOfIdentifier.get(identifier);
  if (known) return known;
  const whole = wholeTerm(identifier);
  let tokens = NO_TOKENS;
  if (whole) {
    const parts = identifierParts(identifier);
    tokens = parts.length > 1 ? [whole, ...parts] : [whole];
  }
  if (tokensOfIdentifier.size >= MAX_REMEMBERED) tokensOfIdentifier.clear();
  tokensOfIdentifier.set(identifier, tokens);
  return tokens;
}

// Declarations in the common languages: the names a chunk defines, beyond the chunker's context.
const DEFINITION_PATTERNS = [
  /\b(?:function\*?|class|interface|type|enum|struct|trait|def|fn|func|module|namespace)\s+([A-Za-z_$][\w$]*)/g,
  /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/g,
  /^\s*(?:export\s+)?(?:async\s+)?(?:static\s+)?(?:get\s+|set\s+)?([A-Za-z_$][\w$]*)\s*\([^)\n]*\)\s*\{/gm,
  /\b(?:exports|module\.exports|prototype)\.([A-Za-z_$][\w$]*)\s*=/g,
  /^\s*([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s+)?(?:function\b|\([^)\n]*\)\s*=>)/gm,
];
// A table of named values made by a call: `FST_ERR_X: createError(…)`, `kState: Symbol('state')`.
const TABLE_ENTRY = /^\s*([A-Za-z_$][\w$]*)\s*:\s*(?:new\s+)?[A-Za-z_$][\w$.]*\s*\(/gm;
const NOT_NAMES = new Set(["if", "for", "while", "switch", "catch", "function", "return", "with", "constructor"]);

/** Names the chunk declares: the chunker's symbol path plus declarations found in its text. */
export function definedSymbols(text: string, context: string | undefined): string[] {
  const { declared, entries } = definitionsOf(text, context);
  return [...declared, ...entries];
}

/**
 * The chunk's declarations, and apart from them the names of table entries made by a call
 * (`FST_ERR_CTP_BODY_TOO_LARGE: createError(…)`). An entry defines its name, but a table of
 * a hundred error codes is not about every word inside them: the symbols field indexes entries
 * as whole names only.
 */
export function definitionsOf(text: string, context: string | undefined): { declared: string[]; entries: string[] } {
  const names = new Set<string>();
  for (const name of context?.match(IDENTIFIER) ?? []) if (!["class", "function", "interface", "type"].includes(name)) names.add(name);
  for (const pattern of DEFINITION_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1];
      if (name && !NOT_NAMES.has(name)) names.add(name);
    }
  }
  const entries = new Set<string>();
  for (const match of text.matchAll(TABLE_ENTRY)) {
    const name = match[1];
    if (name && !NOT_NAMES.has(name) && !names.has(name)) entries.add(name);
  }
  return { declared: [...names], entries: [...entries] };
}
