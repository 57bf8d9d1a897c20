import { lexicalRowsOf, schema, searchLexical, type LexicalRow, type StoreRow } from "@repo/console-db";
import type { VectorMatch } from "@repo/console-types";
import { and, eq, inArray } from "drizzle-orm";
import { fuse, groupByFile, type Candidate, type RankedChunk } from "../search/fuse";
import { snippetOf } from "../search/highlight";
import { parseQuery, type ParsedQuery } from "../search/parse-query";
import { withItemUrls } from "../items/hit-urls";
import type { SearchDeps } from "./search-deps";

export interface SearchHit {
  sourceId: string;
  path: string;
  startLine: number;
  endLine: number;
  score: number;
  /** A few lines of the best chunk around its matches. */
  snippet: string;
  snippetStartLine: number;
  /** Matching terms as [start, end) offsets into `snippet`. */
  highlights: Array<[number, number]>;
  /** The file's other matching chunks (grouped results only). */
  otherRanges: Array<{ startLine: number; endLine: number }>;
  commit: string;
  context?: string;
  /** Item sources: the item in its service (Linear issue, Notion page, Slack thread, Vercel deployment). */
  url?: string;
}

export type SearchMode = "hybrid" | "vector" | "lexical";

export interface SearchOptions {
  topK?: number;
  sourceIds?: readonly string[];
  /** One result per file (default), or every matching chunk. */
  group?: boolean;
  /** Hybrid (default); the single sides are there for measuring them. */
  mode?: SearchMode;
}

/**
 * Hybrid search: the query's embedding ranks chunks in the vector store (pgvector or Pinecone),
 * Postgres full-text ranks them lexically, and the two rankings are fused (search/fuse.ts).
 * Understands `path:`, `lang:`, `source:` and quoted phrases (search/parse-query.ts).
 */
export async function searchIndex(deps: SearchDeps, store: StoreRow, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const parsed = parseQuery(query);
  if (!parsed.text) throw new Error("the search query is empty");
  const topK = options.topK ?? 10;
  const mode = options.mode ?? "hybrid";
  const sourceIds = await scopeOf(deps, store, options.sourceIds, parsed.sources);
  if (sourceIds?.length === 0) return [];
  // Grouping folds several chunks into one file: ask each side for more chunks than files wanted.
  const depth = Math.min(1000, Math.max(100, topK * 3));
  const [dense, lexical] = await Promise.all([
    mode === "lexical" ? [] : denseMatches(deps, store, parsed, depth, sourceIds),
    mode === "vector" ? [] : searchLexical(deps.db, lexicalQuery(parsed, depth, sourceIds)),
  ]);
  const candidates = await candidatesOf(deps, dense, lexical, parsed);
  const ranked = mode === "hybrid" ? fuse(candidates, parsed) : candidates.map((c) => ({ ...c, score: 1 / (1 + (c.vectorRank ?? c.lexicalRank ?? 0)) }));
  const results = options.group === false ? ranked.map((best) => ({ best, others: [] as RankedChunk[] })) : groupByFile(ranked);
  return withItemUrls(
    deps.db,
    results.slice(0, topK).map(({ best, others }) => toHit(best, others, parsed)),
  );
}

async function denseMatches(
  deps: SearchDeps,
  store: StoreRow,
  parsed: ParsedQuery,
  depth: number,
  sourceIds: readonly string[] | undefined,
): Promise<VectorMatch[]> {
  const [vector] = await deps.embedder(store).embed([parsed.text], "query");
  if (!vector) throw new Error("the embedder returned no vector for the query");
  return deps.vectorStore(store).query({ vector, topK: depth, ...(sourceIds ? { filter: { sourceId: sourceIds } } : {}) });
}

function lexicalQuery(parsed: ParsedQuery, limit: number, sourceIds: readonly string[] | undefined) {
  return {
    words: parsed.words,
    phrases: parsed.phrases,
    pathContains: parsed.paths,
    extensions: parsed.extensions,
    limit,
    ...(sourceIds ? { sourceIds } : {}),
  };
}

/** The union of both sides; dense hits get their text and symbols from the lexical index. */
async function candidatesOf(deps: SearchDeps, dense: readonly VectorMatch[], lexical: readonly LexicalRow[], parsed: ParsedQuery): Promise<Candidate[]> {
  const byId = new Map<string, Candidate>();
  lexical.forEach((row, i) => byId.set(row.vectorId, { ...fromLexical(row), lexicalRank: i + 1 }));
  const missing = dense.filter((m) => !byId.has(m.id)).map((m) => m.id);
  const rows = await lexicalRowsOf(deps.db, missing);
  let rank = 0;
  for (const match of dense) {
    const m = match.metadata;
    // The dense side knows nothing of the syntax: filters apply to its hits here.
    if (!passes(m.path, rows.get(match.id)?.content ?? m.snippet, parsed) && !byId.has(match.id)) continue;
    rank += 1;
    const known = byId.get(match.id);
    const row = rows.get(match.id);
    byId.set(
      match.id,
      known
        ? { ...known, vectorRank: rank }
        : row
          ? { ...fromLexical(row), vectorRank: rank, ...(m.context ? { context: m.context } : {}) }
          : {
              id: match.id,
              sourceId: m.sourceId,
              path: m.path,
              startLine: m.startLine,
              endLine: m.endLine,
              commit: m.commit,
              text: m.snippet,
              symbols: [],
              vectorRank: rank,
              ...(m.context ? { context: m.context } : {}),
            },
    );
  }
  return [...byId.values()];
}

function fromLexical(row: LexicalRow): Candidate {
  return {
    id: row.vectorId,
    sourceId: row.sourceId,
    path: row.path,
    startLine: row.startLine,
    endLine: row.endLine,
    commit: row.commit,
    text: row.content,
    symbols: row.symbols.split(" ").filter(Boolean),
  };
}

function passes(path: string, text: string, parsed: ParsedQuery): boolean {
  const lowerPath = path.toLowerCase();
  if (parsed.paths.length > 0 && !parsed.paths.some((p) => lowerPath.includes(p.toLowerCase()))) return false;
  if (parsed.extensions.length > 0 && !parsed.extensions.some((e) => lowerPath.endsWith(`.${e}`))) return false;
  const lowerText = text.toLowerCase();
  return parsed.phrases.every((p) => lowerText.includes(p.toLowerCase()));
}

/** The caller's sources narrowed by `source:` (matched against the source's names). */
async function scopeOf(
  deps: SearchDeps,
  store: StoreRow,
  sourceIds: readonly string[] | undefined,
  names: readonly string[],
): Promise<readonly string[] | undefined> {
  if (names.length === 0) return sourceIds;
  const where = sourceIds ? and(eq(schema.sources.storeId, store.id), inArray(schema.sources.id, [...sourceIds])) : eq(schema.sources.storeId, store.id);
  const rows =
    sourceIds?.length === 0
      ? []
      : await deps.db.select({ id: schema.sources.id, fullName: schema.sources.fullName, name: schema.sources.name }).from(schema.sources).where(where);
  return rows.filter((s) => names.some((n) => s.fullName.toLowerCase().includes(n) || s.name.toLowerCase().includes(n))).map((s) => s.id);
}

function toHit(best: RankedChunk, others: readonly RankedChunk[], parsed: ParsedQuery): SearchHit {
  const snippet = snippetOf(best.text, best.startLine, parsed.words, parsed.phrases);
  return {
    sourceId: best.sourceId,
    path: best.path,
    startLine: best.startLine,
    endLine: best.endLine,
    score: best.score,
    snippet: snippet.text,
    snippetStartLine: snippet.startLine,
    highlights: snippet.highlights,
    otherRanges: others.map((o) => ({ startLine: o.startLine, endLine: o.endLine })).sort((a, b) => a.startLine - b.startLine),
    commit: best.commit,
    ...(best.context ? { context: best.context } : {}),
  };
}
