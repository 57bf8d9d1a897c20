export interface ParsedQuery {
  /** The query without operators: what the dense side embeds. */
  text: string;
  /** Words and identifiers for the lexical side (stop words dropped). */
  words: string[];
  /** Quoted phrases: a result must contain each, exactly (case-insensitive). */
  phrases: string[];
  /** `path:` values: the path must contain one of them. */
  paths: string[];
  /** `lang:` values as file extensions. */
  extensions: string[];
  /** `source:` values: a source whose name contains one of them. */
  sources: string[];
}

const LANGUAGES: Record<string, string[]> = {
  ts: ["ts", "tsx", "mts", "cts"],
  typescript: ["ts", "tsx", "mts", "cts"],
  js: ["js", "jsx", "mjs", "cjs"],
  javascript: ["js", "jsx", "mjs", "cjs"],
  py: ["py"],
  python: ["py"],
  go: ["go"],
  rust: ["rs"],
  rs: ["rs"],
  java: ["java"],
  ruby: ["rb"],
  rb: ["rb"],
  md: ["md", "mdx"],
  markdown: ["md", "mdx"],
  json: ["json"],
  yaml: ["yml", "yaml"],
  yml: ["yml", "yaml"],
  c: ["c", "h"],
  cpp: ["cc", "cpp", "cxx", "hpp", "hh", "h"],
  shell: ["sh", "bash"],
  sh: ["sh", "bash"],
};

// Words that carry no meaning for ranking code; the dense side still sees the whole question.
const STOP_WORDS = new Set(
  "a an and are as at be by can do does for from how i if in into is it its of on or should that the this to was we what when where whether which who why will with you".split(
    " ",
  ),
);

const TOKEN = /\b(path|lang|source):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g;

/** Code-search syntax: `path:src/http`, `lang:ts`, `source:widgets`, `"exact phrase"`, plain words. */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { text: "", words: [], phrases: [], paths: [], extensions: [], sources: [] };
  const text: string[] = [];
  for (const match of query.matchAll(TOKEN)) {
    const [, operator, rawValue, phrase, word] = match;
    if (operator && rawValue) {
      const value = rawValue.replace(/^"|"$/g, "");
      if (!value) continue;
      if (operator === "path") parsed.paths.push(value);
      else if (operator === "source") parsed.sources.push(value.toLowerCase());
      else parsed.extensions.push(...(LANGUAGES[value.toLowerCase()] ?? [value.toLowerCase().replace(/^\./, "")]));
    } else if (phrase !== undefined) {
      if (phrase.trim()) parsed.phrases.push(phrase.trim());
      text.push(phrase);
      parsed.words.push(...wordsOf(phrase));
    } else if (word) {
      text.push(word);
      parsed.words.push(...wordsOf(word));
    }
  }
  parsed.text = text.join(" ").trim();
  parsed.words = [...new Set(parsed.words)];
  return parsed;
}

/** Identifiers and words in a piece of the query; `client.maxRedirects()` gives client, maxRedirects. */
function wordsOf(piece: string): string[] {
  return (piece.match(/[A-Za-z_$][A-Za-z0-9_$]*|[0-9]+[A-Za-z0-9_]*/g) ?? []).filter((w) => !STOP_WORDS.has(w.toLowerCase()));
}
