import { identifierParts, wholeTerm } from "@repo/console-db";

/** One chunk as either side found it, with what the boosts need. */
export interface Candidate {
  id: string;
  sourceId: string;
  path: string;
  startLine: number;
  endLine: number;
  commit: string;
  text: string;
  context?: string;
  /** Names the chunk declares (from the lexical index). */
  symbols: string[];
  vectorRank?: number;
  lexicalRank?: number;
}

export interface RankedChunk extends Candidate {
  score: number;
}

// Reciprocal rank fusion's usual constant: ranks deep in either list still count a little.
const RRF_K = 60;
// The lexical side is the surer one for code (an exact identifier is rarely wrong; the embedded
// default's vectors cannot tell near-identical files apart), so it wins ties.
const LEXICAL_WEIGHT = 1;
const VECTOR_WEIGHT = 0.35;
const DEFINES_BOOST = 2;
const FILENAME_BOOST = 1.6;
const PATH_WORD_BOOST = 1.15;
const NON_CODE_FACTOR = 0.4;
const DOCS_FACTOR = 0.4;

const NON_CODE_PATH =
  /(^|\/)(tests?|__tests__|specs?|fixtures?|__fixtures__|__mocks__|mocks?|testdata|vendor|vendored|third[_-]party|node_modules|dist|build|generated|benchmarks?|examples?)\/|\.(test|spec|min|generated)\.[a-z]+$|\.snap$/i;
const ASKS_FOR_NON_CODE = /\b(tests?|specs?|fixtures?|mocks?|vendor(ed)?|generated|dist|bench(mark)?s?|examples?)\b/i;
// Type declarations describe an API without implementing it; a question about tests or mocks
// (`MockAgent`) is not one about them.
const DECLARATIONS_PATH = /\.d\.[cm]?ts$/i;
const ASKS_FOR_DECLARATIONS = /\b(typings?|declarations?|typescript|d\.ts)\b/i;
const DOCS_PATH = /(^|\/)(docs?|documentation)\/|\.(md|mdx|rst|txt)$/i;
const ASKS_FOR_DOCS = /\b(docs?|documentation|readme|guide|changelog|markdown)\b/i;

/**
 * Reciprocal rank fusion of the dense and lexical rankings, then what a code-search user expects:
 * a chunk that defines a queried name and a path that names it rank higher; tests, fixtures,
 * generated and vendored files (and docs) lower, unless the query asks for them.
 */
export function fuse(candidates: readonly Candidate[], query: { text: string; words: readonly string[] }): RankedChunk[] {
  const boost = boostOf(query);
  return candidates
    .map((c) => ({ ...c, score: rrf(c.vectorRank, c.lexicalRank) * boost(c) }))
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path) || a.startLine - b.startLine);
}

function rrf(vectorRank: number | undefined, lexicalRank: number | undefined): number {
  return (vectorRank === undefined ? 0 : VECTOR_WEIGHT / (RRF_K + vectorRank)) + (lexicalRank === undefined ? 0 : LEXICAL_WEIGHT / (RRF_K + lexicalRank));
}

/** The boosts a chunk earns for a query, as one factor. */
function boostOf(query: { text: string; words: readonly string[] }): (c: Candidate) => number {
  const wanted = new Set(
    namesIn(query.words)
      .map(wholeTerm)
      .filter((w) => w.length > 1),
  );
  const wantedParts = new Set(query.words.flatMap(identifierParts).filter((w) => w.length > 2));
  // The words inside identifiers count too: `MockAgent` asks for mocks, `TestServer` for tests.
  const asked = `${query.text} ${query.words.flatMap(identifierParts).join(" ")}`;
  const allowNonCode = ASKS_FOR_NON_CODE.test(asked);
  const allowDocs = ASKS_FOR_DOCS.test(asked);
  const allowDeclarations = ASKS_FOR_DECLARATIONS.test(asked);
  return (c) => {
    // A test earns no boost: its definitions are helpers, its file name says what it tests.
    if (!allowNonCode && NON_CODE_PATH.test(c.path)) return NON_CODE_FACTOR;
    let factor = 1;
    if (c.symbols.some((s) => wanted.has(wholeTerm(s)))) factor *= DEFINES_BOOST;
    const file = c.path.slice(c.path.lastIndexOf("/") + 1);
    // mock-agent.js and MockAgent name the same thing.
    const stem = wholeTerm(file.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9]/g, ""));
    if (wanted.has(stem)) factor *= FILENAME_BOOST;
    else {
      const pathWords = new Set(identifierParts(c.path.replace(/\.[^./]*$/, "").replace(/[^A-Za-z0-9]+/g, "_")));
      const hits = [...wantedParts].filter((w) => pathWords.has(w)).length;
      factor *= PATH_WORD_BOOST ** Math.min(hits, 3);
    }
    if (!allowDeclarations && DECLARATIONS_PATH.test(c.path)) factor *= NON_CODE_FACTOR;
    else if (!allowDocs && DOCS_PATH.test(c.path)) factor *= DOCS_FACTOR;
    return factor;
  };
}

/**
 * The query words a user means as names: identifiers (camelCase, snake_case, digits) and the
 * words of a one- or two-word query. In a sentence, "request" or "response" is an ordinary word,
 * and treating it as a name would put every file called request.js ahead of the answer.
 */
function namesIn(words: readonly string[]): string[] {
  if (words.length <= 2) return [...words];
  return words.filter((w) => /[a-z][A-Z]|[A-Z]{2}|[_$]|\d/.test(w));
}

export interface FileResult {
  best: RankedChunk;
  /** The file's other matching chunks, best first. */
  others: RankedChunk[];
}

/** One result per file: its best chunk, with the other matching chunks' line ranges. */
export function groupByFile(ranked: readonly RankedChunk[]): FileResult[] {
  const files = new Map<string, FileResult>();
  for (const chunk of ranked) {
    const key = `${chunk.sourceId}\u0000${chunk.path}`;
    const file = files.get(key);
    if (file) file.others.push(chunk);
    else files.set(key, { best: chunk, others: [] });
  }
  return [...files.values()];
}
