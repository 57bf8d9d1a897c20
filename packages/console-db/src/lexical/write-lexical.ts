import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbExecutor } from "../db-types";
import { lexicalChunks } from "../schema/lexical-chunks";
import { lexicalTermsOf, type LexicalTerms } from "./lexical-terms";

// 8 parameters a row: far below Postgres's 65535 per statement.
const INSERT_BATCH = 200;

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
  await deleteLexicalPaths(tx, sourceId, paths);
  const unique = [...new Map(chunks.map((c) => [c.vectorId, c])).values()];
  for (let i = 0; i < unique.length; i += INSERT_BATCH) {
    const rows = unique.slice(i, i + INSERT_BATCH).map((c) => {
      const { symbols, terms } = c.lexical ?? lexicalTermsOf(c.text, c.context, c.path);
      return sql`(${c.vectorId}, ${sourceId}, ${c.path}, ${c.startLine}, ${c.endLine}, ${symbols}, ${c.commit}, ${c.text}, ${terms}::tsvector)`;
    });
    await tx.execute(sql`insert into ${lexicalChunks} (vector_id, source_id, path, start_line, end_line, symbols, commit, content, terms)
      values ${sql.join(rows, sql`, `)}
      on conflict (vector_id) do update set path = excluded.path, start_line = excluded.start_line, end_line = excluded.end_line,
        symbols = excluded.symbols, commit = excluded.commit, content = excluded.content, terms = excluded.terms`);
  }
}

export async function deleteLexicalPaths(tx: DbExecutor, sourceId: string, paths: readonly string[]): Promise<void> {
  for (let i = 0; i < paths.length; i += 1000) {
    await tx.delete(lexicalChunks).where(and(eq(lexicalChunks.sourceId, sourceId), inArray(lexicalChunks.path, paths.slice(i, i + 1000))));
  }
}

/** Rows of chunks whose vectors are gone (cleanup.stale's orphans): the lexical side follows the vectors. */
export async function deleteLexicalVectorIds(tx: DbExecutor, sourceId: string, vectorIds: readonly string[]): Promise<void> {
  for (let i = 0; i < vectorIds.length; i += 1000) {
    await tx.delete(lexicalChunks).where(and(eq(lexicalChunks.sourceId, sourceId), inArray(lexicalChunks.vectorId, vectorIds.slice(i, i + 1000))));
  }
}

export async function deleteLexicalSource(tx: DbExecutor, sourceId: string): Promise<void> {
  await tx.delete(lexicalChunks).where(eq(lexicalChunks.sourceId, sourceId));
}
