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
  const terms = wordTerms(word);
  return terms && queryOf(terms, []);
}

interface WordTerms {
  whole: string;
  /** The identifier's parts when it has more than one. */
  parts: string[];
  /** Other forms of a plain word, kept when the index holds them: "redirects" → redirect. */
  forms: string[];
}

function wordTerms(word: string): WordTerms | undefined {
  const whole = wholeTerm(word);
  if (!/^[a-z0-9]+$/.test(whole)) return undefined;
  const parts = identifierParts(word).filter((p) => /^[a-z0-9]+$/.test(p));
  return { whole, parts: parts.length > 1 ? parts : [], forms: /^[a-z]{4,}$/.test(word) ? wordForms(word) : [] };
}

function queryOf(terms: WordTerms, alternatives: readonly string[]): string {
  const any = [terms.whole, ...alternatives, ...(terms.parts.length > 0 ? [`(${terms.parts.join(" & ")})`] : [])];
  return any.length > 1 ? `(${any.join(" | ")})` : any[0]!;
}

/**
 * Inflected forms of an English word reduced to the forms code names things by: plurals and
 * -ing/-ed/-er endings (redirects → redirect, bodies → body, handling → handle, handler). Only the
 * forms the index holds are used, so an unlikely guess costs nothing.
 */
export function wordForms(word: string): string[] {
  const forms = new Set<string>();
  const add = (stem: string) => {
    if (stem.length >= 3 && stem !== word) forms.add(stem);
  };
  if (/ies$/.test(word)) add(`${word.slice(0, -3)}y`);
  else if (/es$/.test(word)) {
    add(word.slice(0, -1));
    add(word.slice(0, -2));
  } else if (/[^su]s$/.test(word)) add(word.slice(0, -1));
  for (const suffix of ["ing", "ed"]) {
    const stem = word.slice(0, -suffix.length);
    if (!word.endsWith(suffix) || stem.length < 4) continue;
    add(stem);
    add(`${stem}e`);
    // Doubled consonant: running → run.
    if (/([b-df-hj-np-tv-z])\1$/.test(stem)) add(stem.slice(0, -1));
  }
  // The name code gives the thing that does it: parse → parser, handle → handler, validate → validator.
  for (const base of [...forms, word]) {
    if (base.endsWith("ate")) add(`${base.slice(0, -1)}or`);
    if (base.endsWith("e")) add(`${base}r`);
    else if (!base.endsWith("er")) add(`${base}er`);
  }
  return [...forms];
}

// A partial identifier (`ContentTypePars`, `RedirectHand`) matches the indexed terms that contain
// it: at most this many, the most frequent first.
const PARTIAL_TERMS = 12;
const PARTIAL_MIN_LENGTH = 4;

/**
 * BM25F-like ranking in Postgres: each word's weighted term frequency (ts_rank over the symbol,
 * path and body fields, length-normalised) times its inverse document frequency. Candidates come
 * from the GIN index through the rarer words only, so a common word never scans half the table.
 */
export async function searchLexical(db: DbExecutor, query: LexicalQuery): Promise<LexicalRow[]> {
  const wanted = [...new Map(query.words.map((w) => wordTerms(w)).flatMap((t) => (t ? [[t.whole, t] as const] : []))).values()];
  const filters = scopeFilters(query);
  if (wanted.length === 0 && filters.phrases.length === 0) return [];
  const { total, df } = await termStatistics(db, wanted, query.sourceIds);
  // A word the index has never seen, whole or in parts, may be part of a name: the terms that
  // contain it stand in for it (found through the trigram index where pg_trgm is installed).
  const partial = wanted.filter((t) => df(t.whole) === 0 && t.whole.length >= PARTIAL_MIN_LENGTH && !(t.parts.length > 0 && t.parts.every((p) => df(p) > 0)));
  const completions = await containingTerms(
    db,
    partial.map((t) => t.whole),
    query.sourceIds,
  );
  const terms = wanted.map((t) => {
    const alternatives = [...t.forms.filter((f) => df(f) > 0), ...(completions.get(t.whole) ?? []).map((c) => c.term)];
    const frequency =
      df(t.whole) +
      t.forms.reduce((sum, f) => sum + df(f), 0) +
      (completions.get(t.whole) ?? []).reduce((sum, c) => sum + c.chunks, 0) +
      (t.parts.length > 0 ? Math.min(...t.parts.map(df)) : 0);
    return { query: queryOf(t, alternatives), df: Math.min(total, frequency) };
  });
  const words = terms.map((t) => t.query);
  const dfs = terms.map((t) => t.df);
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

function sourceScope(sourceIds: readonly string[] | undefined): SQL {
  return sourceIds === undefined
    ? sql``
    : sourceIds.length === 0
      ? sql` and false`
      : sql` and ${lexicalTerms.sourceId} in (${sql.join(
          sourceIds.map((id) => sql`${id}`),
          sql`, `,
        )})`;
}

/**
 * The number of rows in scope and each term's document frequency, from lexical_terms (kept exact
 * by the writes), for the words' whole terms, parts and other forms. A word that is an identifier
 * matches its whole term or all of its parts: its frequency is taken as the whole term's plus the
 * rarest part's (an upper bound).
 */
async function termStatistics(
  db: DbExecutor,
  words: readonly WordTerms[],
  sourceIds: readonly string[] | undefined,
): Promise<{ total: number; df: (term: string) => number }> {
  const wanted = [...new Set(["", ...words.flatMap((w) => [w.whole, ...w.parts, ...w.forms])])];
  const rows = await queryRows(
    db,
    sql`select ${lexicalTerms.term} as term, sum(${lexicalTerms.chunks})::int as n from ${lexicalTerms}
        where ${lexicalTerms.term} in (${sql.join(
          wanted.map((t) => sql`${t}`),
          sql`, `,
        )})${sourceScope(sourceIds)} group by 1`,
  );
  const count = new Map(rows.map((r) => [String(r.term), Number(r.n)]));
  return { total: Math.max(1, count.get("") ?? 0), df: (t: string) => count.get(t) ?? 0 };
}

/**
 * For each fragment, the indexed terms that contain it, the most frequent first, with their
 * frequencies. `like '%…%'` on lexical_terms (the vocabulary, far smaller than the chunks) is
 * answered by the trigram index where the pg_trgm extension is installed (migration 0008), by a
 * scan of the vocabulary otherwise.
 */
async function containingTerms(
  db: DbExecutor,
  fragments: readonly string[],
  sourceIds: readonly string[] | undefined,
): Promise<Map<string, Array<{ term: string; chunks: number }>>> {
  const found = new Map<string, Array<{ term: string; chunks: number }>>();
  for (const fragment of fragments) {
    const rows = await queryRows(
      db,
      sql`select ${lexicalTerms.term} as term, sum(${lexicalTerms.chunks})::int as n from ${lexicalTerms}
          where ${lexicalTerms.term} like ${`%${fragment}%`}${sourceScope(sourceIds)}
          group by 1 order by 2 desc, 1 limit ${PARTIAL_TERMS}`,
    );
    if (rows.length > 0)
      found.set(
        fragment,
        rows.map((r) => ({ term: String(r.term), chunks: Number(r.n) })),
      );
  }
  return found;
}
