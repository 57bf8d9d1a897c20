import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbExecutor } from "../db-types";
import { queryRows } from "../query-rows";
import { lexicalChunks } from "../schema/lexical-chunks";
import { lexicalTerms } from "../schema/lexical-terms";
import { identifierParts, wholeTerm } from "./terms";

/** Weights of the fields in ts_rank's order {D, C, B, A}: body C, path B, defined symbols A. */
const FIELD_WEIGHTS = "{0, 0.2, 0.5, 1}";
const CANDIDATE_CAP = 2000;
const CHUNKS_PER_FILE = 3;

export interface LexicalQuery {
  /** Words and identifiers as the user typed them. */
  words: readonly string[];
  /** Exact substrings the chunk must contain. */
  phrases?: readonly string[];
  sourceIds?: readonly string[];
  /** Substrings the path must contain (any of them). */
  pathContains?: readonly string[];
  /** File extensions without the dot (any of them). */
  extensions?: readonly string[];
  limit: number;
}

export interface LexicalRow {
  vectorId: string;
  sourceId: string;
  path: string;
  startLine: number;
  endLine: number;
  symbols: string;
  commit: string;
  content: string;
  score: number;
}

const RowSchema = z.object({
  vector_id: z.string(),
  source_id: z.string(),
  path: z.string(),
  start_line: z.coerce.number(),
  end_line: z.coerce.number(),
  symbols: z.string(),
  commit: z.string(),
  content: z.string(),
  score: z.coerce.number(),
});

/** One query word as a tsquery: the whole identifier, or all of its parts (`maxRedirects` ≈ "max redirects"). */
export function wordQuery(word: string): string | undefined {
  return wordTerms(word)?.query;
}

interface WordTerms {
  query: string;
  whole: string;
  /** The identifier's parts when it has more than one. */
  parts: string[];
}

function wordTerms(word: string): WordTerms | undefined {
  const whole = wholeTerm(word);
  if (!/^[a-z0-9]+$/.test(whole)) return undefined;
  const parts = identifierParts(word).filter((p) => /^[a-z0-9]+$/.test(p));
  return parts.length > 1 ? { query: `(${whole} | (${parts.join(" & ")}))`, whole, parts } : { query: whole, whole, parts: [] };
}

/**
 * BM25F-like ranking in Postgres: each word's weighted term frequency (ts_rank over the symbol,
 * path and body fields, length-normalised) times its inverse document frequency. Candidates come
 * from the GIN index through the rarer words only, so a common word never scans half the table.
 */
export async function searchLexical(db: DbExecutor, query: LexicalQuery): Promise<LexicalRow[]> {
  const terms = [...new Map(query.words.map((w) => wordTerms(w)).flatMap((t) => (t ? [[t.query, t] as const] : []))).values()];
  const words = terms.map((t) => t.query);
  const filters = scopeFilters(query);
  if (words.length === 0 && filters.phrases.length === 0) return [];
  const { total, dfs } = await termStatistics(db, terms, query.sourceIds);
  const idf = dfs.map((df) => Math.log(1 + (total - df + 0.5) / (df + 0.5)));
  // Candidates: the chunks holding any of the rarest words, as many words as their (exact)
  // frequencies fit in CANDIDATE_CAP together. Every word common (a large index): chunks holding
  // all of them, else any, at most CANDIDATE_CAP.
  const rare: string[] = [];
  let budget = CANDIDATE_CAP;
  for (const i of words.map((_, i) => i).sort((a, b) => dfs[a]! - dfs[b]!)) {
    if (dfs[i]! > budget) break;
    rare.push(words[i]!);
    budget -= dfs[i]!;
  }
  const candidates = rare.length > 0 ? rare.join(" | ") : words.join(" & ");
  const score =
    words.length === 0
      ? sql`0`
      : sql.join(
          words.map((w, i) => sql`${idf[i]!} * ts_rank(${FIELD_WEIGHTS}::float4[], terms, to_tsquery('simple', ${w}), 1)`),
          sql` + `,
        );
  const ranked = async (match: string) => {
    const where = sql.join([...(match ? [sql`terms @@ to_tsquery('simple', ${match})`] : []), ...filters.all], sql` and `);
    // The inner limit bounds the work (ts_rank reads every candidate's tsvector) whatever the
    // words; only the top rows' content is read (a chunk's text is most of its row). A long file
    // that mentions the words everywhere (a doc page) keeps its best few chunks, not the list.
    // Through the GIN index: with the limit, the planner may prefer reading the table in order
    // until enough rows match, which tests every row's tsvector on the way (seconds at 100k rows).
    return db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return queryRows(
        tx,
        sql`with candidates as (select vector_id, source_id, path, start_line, terms from ${lexicalChunks} where ${where} limit ${CANDIDATE_CAP}),
          scored as (select vector_id, source_id, path, start_line, ${score} as score from candidates),
          numbered as (select *, row_number() over (partition by source_id, path order by score desc, start_line) as nth from scored),
          top as (select vector_id, score from numbered where nth <= ${CHUNKS_PER_FILE} order by score desc, path, start_line limit ${query.limit})
          select l.vector_id, l.source_id, l.path, l.start_line, l.end_line, l.symbols, l.commit, l.content, top.score
          from top join ${lexicalChunks} l using (vector_id) order by top.score desc, l.path, l.start_line`,
      );
    });
  };
  let rows = await ranked(candidates);
  if (rows.length === 0 && rare.length === 0 && words.length > 1) rows = await ranked(words.join(" | "));
  return rows.map((row) => toRow(RowSchema.parse(row)));
}

/** The lexical rows of these vectors (the dense side's hits), for snippets and boosts. */
export async function lexicalRowsOf(db: DbExecutor, vectorIds: readonly string[]): Promise<Map<string, LexicalRow>> {
  if (vectorIds.length === 0) return new Map();
  const rows = await queryRows(
    db,
    sql`select vector_id, source_id, path, start_line, end_line, symbols, commit, content, 0 as score
        from ${lexicalChunks} where vector_id in (${sql.join(
          vectorIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
  return new Map(rows.map((row) => toRow(RowSchema.parse(row))).map((r) => [r.vectorId, r]));
}

function toRow(r: z.infer<typeof RowSchema>): LexicalRow {
  return {
    vectorId: r.vector_id,
    sourceId: r.source_id,
    path: r.path,
    startLine: r.start_line,
    endLine: r.end_line,
    symbols: r.symbols,
    commit: r.commit,
    content: r.content,
    score: r.score,
  };
}

function scopeFilters(query: LexicalQuery): { all: SQL[]; phrases: SQL[] } {
  const all: SQL[] = [];
  if (query.sourceIds)
    all.push(
      query.sourceIds.length === 0
        ? sql`false`
        : sql`source_id in (${sql.join(
            query.sourceIds.map((s) => sql`${s}`),
            sql`, `,
          )})`,
    );
  if (query.pathContains?.length)
    all.push(
      sql`(${sql.join(
        query.pathContains.map((p) => sql`path ilike ${`%${escapeLike(p)}%`}`),
        sql` or `,
      )})`,
    );
  if (query.extensions?.length)
    all.push(
      sql`(${sql.join(
        query.extensions.map((e) => sql`path ilike ${`%.${escapeLike(e)}`}`),
        sql` or `,
      )})`,
    );
  const phrases = (query.phrases ?? []).map((p) => sql`content ilike ${`%${escapeLike(p)}%`}`);
  return { all: [...all, ...phrases], phrases };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The number of rows in scope and each word's document frequency, from lexical_terms (kept exact
 * by the writes). A word that is an identifier matches its whole term or all of its parts: its
 * frequency is taken as the whole term's plus the rarest part's (an upper bound).
 */
async function termStatistics(
  db: DbExecutor,
  words: readonly WordTerms[],
  sourceIds: readonly string[] | undefined,
): Promise<{ total: number; dfs: number[] }> {
  const wanted = [...new Set(["", ...words.flatMap((w) => [w.whole, ...w.parts])])];
  const scope =
    sourceIds === undefined
      ? sql``
      : sourceIds.length === 0
        ? sql` and false`
        : sql` and ${lexicalTerms.sourceId} in (${sql.join(
            sourceIds.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  const rows = await queryRows(
    db,
    sql`select ${lexicalTerms.term} as term, sum(${lexicalTerms.chunks})::int as n from ${lexicalTerms}
        where ${lexicalTerms.term} in (${sql.join(
          wanted.map((t) => sql`${t}`),
          sql`, `,
        )})${scope} group by 1`,
  );
  const count = new Map(rows.map((r) => [String(r.term), Number(r.n)]));
  const total = Math.max(1, count.get("") ?? 0);
  const df = (t: string) => count.get(t) ?? 0;
  return {
    total,
    dfs: words.map((w) => Math.min(total, df(w.whole) + (w.parts.length > 0 ? Math.min(...w.parts.map(df)) : 0))),
  };
}
