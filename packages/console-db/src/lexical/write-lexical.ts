import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbExecutor } from "../db-types";
import { anyOf, insertColumns } from "../insert-columns";
import { queryRows } from "../query-rows";
import { lexicalChunks } from "../schema/lexical-chunks";
import { lexicalTerms } from "../schema/lexical-terms";
import { lexicalTermsOf, type LexicalTerms } from "./lexical-terms";

// Rows per insert: one array parameter per column (insertColumns); ~2.4 KB of content and terms a
// row in bench:cli, so a statement of ~0.6 MB (1,000 rows a statement raised the peak RSS).
const INSERT_BATCH = 250;
const LEXICAL_COLUMNS = {
  vector_id: "text",
  source_id: "text",
  path: "text",
  start_line: "integer",
  end_line: "integer",
  symbols: "text",
  commit: "text",
  content: "utf8",
  terms: "tsvector",
} as const;
// Ids or paths per delete.
const IDS_BATCH = 1000;
// Terms changed per statement of the statistics' update.
const TERMS_BATCH = 5000;

export interface LexicalChunkInput {
  vectorId: string;
  path: string;
  startLine: number;
  endLine: number;
  commit: string;
  text: string;
  /** The chunker's symbol path ("class Retry > backoff"). */
  context?: string;
  /** lexicalTermsOf(text, context, path) when the caller computed it already (off the writing thread). */
  lexical?: LexicalTerms;
}

/**
 * Replaces the lexical rows of `paths` in one source with `chunks` (run it in the manifest's
 * transaction, so the lexical index changes exactly when the manifest does).
 */
export async function replaceLexicalChunks(tx: DbExecutor, sourceId: string, paths: readonly string[], chunks: readonly LexicalChunkInput[]): Promise<void> {
  const deltas = new TermDeltas();
  await deletePaths(tx, sourceId, paths, deltas);
  const unique = [...new Map(chunks.map((c) => [c.vectorId, c])).values()];
  // A row of the same id elsewhere (another path) is replaced: removed first, so its terms leave the statistics.
  for (let i = 0; i < unique.length; i += IDS_BATCH) {
    await deleteCounted(
      tx,
      anyOf(
        lexicalChunks.vectorId,
        unique.slice(i, i + IDS_BATCH).map((c) => c.vectorId),
      ),
      deltas,
    );
  }
  for (let i = 0; i < unique.length; i += INSERT_BATCH) {
    const rows = unique.slice(i, i + INSERT_BATCH).map((c) => {
      const { symbols, terms } = c.lexical ?? lexicalTermsOf(c.text, c.context, c.path);
      // The row's lexemes are the literal's (distinct, [a-z0-9]): counted here, not unnested by the database.
      deltas.addLexemes(sourceId, terms);
      return {
        vector_id: c.vectorId,
        source_id: sourceId,
        path: c.path,
        start_line: c.startLine,
        end_line: c.endLine,
        symbols,
        commit: c.commit,
        content: c.text,
        terms,
      };
    });
    await tx.execute(insertColumns(lexicalChunks, LEXICAL_COLUMNS, rows));
  }
  await deltas.apply(tx);
}

export async function deleteLexicalPaths(tx: DbExecutor, sourceId: string, paths: readonly string[]): Promise<void> {
  const deltas = new TermDeltas();
  await deletePaths(tx, sourceId, paths, deltas);
  await deltas.apply(tx);
}

/** Rows of chunks whose vectors are gone (cleanup.stale's orphans): the lexical side follows the vectors. */
export async function deleteLexicalVectorIds(tx: DbExecutor, sourceId: string, vectorIds: readonly string[]): Promise<void> {
  const deltas = new TermDeltas();
  for (let i = 0; i < vectorIds.length; i += IDS_BATCH) {
    await deleteCounted(tx, and(eq(lexicalChunks.sourceId, sourceId), anyOf(lexicalChunks.vectorId, vectorIds.slice(i, i + IDS_BATCH)))!, deltas);
  }
  await deltas.apply(tx);
}

export async function deleteLexicalSource(tx: DbExecutor, sourceId: string): Promise<void> {
  await tx.delete(lexicalChunks).where(eq(lexicalChunks.sourceId, sourceId));
  await tx.delete(lexicalTerms).where(eq(lexicalTerms.sourceId, sourceId));
}

async function deletePaths(tx: DbExecutor, sourceId: string, paths: readonly string[], deltas: TermDeltas): Promise<void> {
  for (let i = 0; i < paths.length; i += IDS_BATCH) {
    await deleteCounted(tx, and(eq(lexicalChunks.sourceId, sourceId), anyOf(lexicalChunks.path, paths.slice(i, i + IDS_BATCH)))!, deltas);
  }
}

async function deleteCounted(tx: DbExecutor, where: SQL, deltas: TermDeltas): Promise<void> {
  deltas.add(await queryRows(tx, sql`with gone as (delete from ${lexicalChunks} where ${where} returning source_id, terms) ${countTerms("gone")}`), -1);
}

/** Per source, how many of the rows in `rows` (a CTE with source_id and terms) hold each lexeme; '' counts the rows. */
function countTerms(rows: string): SQL {
  const from = sql.identifier(rows);
  return sql`select source_id, lexeme as term, count(*)::int as n from ${from}, unnest(tsvector_to_array(${from}.terms)) as lexeme group by 1, 2
    union all select source_id, '' as term, count(*)::int as n from ${from} group by 1`;
}

const CountSchema = z.object({ source_id: z.string(), term: z.string(), n: z.coerce.number() });

/** Changes to lexical_terms, applied once per transaction (in key order, so concurrent writers lock rows in one order). */
class TermDeltas {
  private readonly bySource = new Map<string, Map<string, number>>();

  add(rows: readonly Record<string, unknown>[], sign: 1 | -1): void {
    for (const row of rows) {
      const { source_id, term, n } = CountSchema.parse(row);
      const terms = this.bySource.get(source_id) ?? new Map<string, number>();
      terms.set(term, (terms.get(term) ?? 0) + sign * n);
      this.bySource.set(source_id, terms);
    }
  }

  /** One added row of `sourceId` whose terms are the tsvector literal `literal` (as weightedTsvectorLiteral writes it). */
  addLexemes(sourceId: string, literal: string): void {
    const terms = this.bySource.get(sourceId) ?? new Map<string, number>();
    this.bySource.set(sourceId, terms);
    terms.set("", (terms.get("") ?? 0) + 1);
    // Entries are `'lexeme':positions`, separated by spaces; lexemes hold no quote or space.
    for (let at = 0; literal.charCodeAt(at) === 39 /* ' */; ) {
      const end = literal.indexOf("'", at + 1);
      const lexeme = literal.slice(at + 1, end);
      terms.set(lexeme, (terms.get(lexeme) ?? 0) + 1);
      const space = literal.indexOf(" ", end);
      if (space < 0) break;
      at = space + 1;
    }
  }

  async apply(tx: DbExecutor): Promise<void> {
    for (const sourceId of [...this.bySource.keys()].sort()) {
      const changed = [...this.bySource.get(sourceId)!].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (let i = 0; i < changed.length; i += TERMS_BATCH) {
        const slice = changed.slice(i, i + TERMS_BATCH);
        const terms = slice.map(([term]) => term);
        // Two array parameters, not a JSON object: 145,000 upserts of a 3,000-file first sync took
        // ~1.6 s this way against ~2.3 s parsed from jsonb (PGlite, 12 transactions).
        await tx.execute(sql`insert into ${lexicalTerms} (source_id, term, chunks)
          select ${sourceId}, term, delta from unnest(${sql.param(terms)}::text[], ${sql.param(slice.map(([, d]) => d))}::int[]) as d(term, delta)
          on conflict (term, source_id) do update set chunks = ${lexicalTerms}.chunks + excluded.chunks`);
        // Only a decrease can take a count to zero (no stored count is ever ≤ 0): a slice of
        // increases only (a first sync) deletes nothing.
        if (slice.some(([, d]) => d < 0)) {
          await tx.execute(sql`delete from ${lexicalTerms} where source_id = ${sourceId} and chunks <= 0 and term = any(${sql.param(terms)}::text[])`);
        }
      }
    }
  }
}
