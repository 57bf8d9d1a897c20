import { queryRows, schema, type Db } from "@repo/console-db";
import { eq, sql } from "drizzle-orm";
import { chunkDocument } from "@repo/console-chunking";
import { embedText } from "@repo/console-embed/local";
import { vectorId } from "@repo/console-types";
import { execFileSync } from "node:child_process";

/**
 * The vector ids a correct index holds for `paths` at `commit`, computed from git and the chunker
 * directly — not through any of the workflow code under test.
 */
export async function expectedVectorIds(repoDir: string, commit: string, sourceId: string, paths: readonly string[]): Promise<Set<string>> {
  const chunks = await expectedChunks(repoDir, commit, sourceId, paths);
  return new Set(chunks.keys());
}

/**
 * The vectors (as the float4 values pgvector keeps) a correct index holds for `paths` at `commit`
 * on the local embedder, by vector id, from git, the chunker and the embedder directly.
 */
export async function expectedLocalVectors(repoDir: string, commit: string, sourceId: string, paths: readonly string[]): Promise<Map<string, number[]>> {
  const chunks = await expectedChunks(repoDir, commit, sourceId, paths);
  return new Map([...chunks].map(([id, text]) => [id, Array.from(Float32Array.from(embedText(text, 384, "document")))]));
}

/** Each chunk's text by vector id (identical chunks in one file get ordinals 0, 1, 2…). */
async function expectedChunks(repoDir: string, commit: string, sourceId: string, paths: readonly string[]): Promise<Map<string, string>> {
  const contents = readBlobs(repoDir, commit, paths);
  const texts = new Map<string, string>();
  for (const path of paths) {
    const chunks = await chunkDocument({ path, text: contents.get(path)!.toString("utf8") }, { maxTokens: 512, overlapTokens: 0 });
    const seen = new Map<string, number>();
    for (const chunk of chunks) {
      const n = seen.get(chunk.hash) ?? 0;
      seen.set(chunk.hash, n + 1);
      texts.set(vectorId(sourceId, path, chunk.hash, n), chunk.text);
    }
  }
  return texts;
}

export function filesAt(repoDir: string, commit: string): string[] {
  return execFileSync("git", ["ls-tree", "-r", "--name-only", commit], { cwd: repoDir }).toString("utf8").split("\n").filter(Boolean);
}

/** Every file's bytes at `commit` from one `git cat-file --batch` (one process, not one per file). */
function readBlobs(repoDir: string, commit: string, paths: readonly string[]): Map<string, Buffer> {
  const input = paths.map((p) => `${commit}:${p}`).join("\n") + "\n";
  const output = execFileSync("git", ["cat-file", "--batch"], { cwd: repoDir, input, maxBuffer: 1024 * 1024 * 1024 });
  const contents = new Map<string, Buffer>();
  let offset = 0;
  for (const path of paths) {
    const headerEnd = output.indexOf(10, offset);
    const header = output.subarray(offset, headerEnd).toString("utf8");
    const size = Number(header.split(" ")[2]);
    if (!Number.isInteger(size)) throw new Error(`git cat-file could not read ${path}: ${header}`);
    contents.set(path, output.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return contents;
}

/** The vector ids the lexical index holds for a source (it must equal the vectors at head). */
export async function lexicalIds(db: Db, sourceId: string): Promise<Set<string>> {
  const rows = await db.select({ id: schema.lexicalChunks.vectorId }).from(schema.lexicalChunks).where(eq(schema.lexicalChunks.sourceId, sourceId));
  return new Set(rows.map((r) => r.id));
}

/**
 * A source's term statistics as stored (lexical_terms) and as recounted from its lexical rows:
 * they must be equal after every sync ("term chunks" lines; the empty term counts the rows).
 */
export async function lexicalTermStatistics(db: Db, sourceId: string): Promise<{ stored: string[]; recounted: string[] }> {
  const stored = await queryRows(db, sql`select term, chunks from lexical_terms where source_id = ${sourceId} order by term`);
  const recounted = await queryRows(
    db,
    sql`select term, chunks from (
          select lexeme as term, count(*)::int as chunks from lexical_chunks, unnest(tsvector_to_array(terms)) as lexeme where source_id = ${sourceId} group by 1
          union all select '', count(*)::int from lexical_chunks where source_id = ${sourceId}) s
        where chunks > 0 order by term`,
  );
  const show = (rows: Record<string, unknown>[]) => rows.map((r) => `${String(r.term)} ${Number(r.chunks)}`);
  return { stored: show(stored), recounted: show(recounted) };
}
