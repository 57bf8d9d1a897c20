import { schema, type Db, type LexicalTerms, type PlannedFile } from "@repo/console-db";
import type { Chunk } from "@repo/console-types";
import { and, eq, inArray } from "drizzle-orm";
import { runOnPool } from "../cpu/cpu-pool";
import type { chunkFiles } from "../cpu/cpu-tasks";
import type { JobContext } from "./context";
import { timed } from "./stage-timings";

export interface ChunkedFile {
  file: PlannedFile;
  chunks: Chunk[];
  /** Each chunk's lexical terms (computed with the chunks, off the thread that writes). */
  lexical?: LexicalTerms[];
  /** Each chunk's textHash (sha256Hex of its text, the embedding cache's key), computed with the chunks. */
  textHashes?: string[];
  bytes: number;
  /** Secrets replaced in the staged text, by kind (see stage.ts). */
  redactions: Record<string, number>;
}

export interface ChunkedBatch {
  files: ChunkedFile[];
  /** Files with no staged content: source.stage recorded them as skipped. */
  skipped: PlannedFile[];
  failed: Array<{ file: PlannedFile; error: string }>;
}

/** Files per CPU pool task. */
const CHUNK_TASK_FILES = 50;

/** Chunks the staged contents of a batch. Deterministic, so every step of a batch may redo it. */
export async function chunkBatch(db: Db, context: JobContext, files: readonly PlannedFile[]): Promise<ChunkedBatch> {
  const shas = [...new Set(files.map((f) => f.sha))];
  const rows =
    shas.length === 0
      ? []
      : await db
          .select({ sha: schema.blobStaging.sha, content: schema.blobStaging.content, redactions: schema.blobStaging.redactions })
          .from(schema.blobStaging)
          .where(and(eq(schema.blobStaging.jobId, context.job.id), inArray(schema.blobStaging.sha, shas)));
  const staged = new Map(rows.map((r) => [r.sha, r]));
  const options = chunkingOptions(context);
  const result: ChunkedBatch = { files: [], skipped: [], failed: [] };
  const toChunk: Array<{ file: PlannedFile; content: Uint8Array; redactions: Record<string, number> }> = [];
  for (const file of files) {
    const { content, redactions } = staged.get(file.sha) ?? {};
    if (!content || !redactions) result.skipped.push(file);
    else toChunk.push({ file, content, redactions });
  }
  // Chunking (and each chunk's lexical terms) is CPU-bound: it runs on the CPU pool's worker
  // threads, so the thread that owns the database — and, in the console, serves requests — keeps
  // going. Slices keep a task's payload small and let several workers share a batch.
  const slices: Array<typeof toChunk> = [];
  for (let i = 0; i < toChunk.length; i += CHUNK_TASK_FILES) slices.push(toChunk.slice(i, i + CHUNK_TASK_FILES));
  const run = (input: Parameters<typeof chunkFiles>[0]) =>
    runOnPool(
      "chunkFiles",
      input,
      toChunk.map((f) => f.content.byteLength),
    );
  const outputs = await timed("chunk", () =>
    Promise.all(slices.map((slice) => run({ files: slice.map((f) => ({ path: f.file.path, content: f.content })), options }))),
  );
  for (const [s, slice] of slices.entries()) {
    for (const [i, { file, content, redactions }] of slice.entries()) {
      const out = outputs[s]![i]!;
      if ("error" in out) result.failed.push({ file, error: out.error });
      else result.files.push({ file, chunks: out.chunks, lexical: out.lexical, textHashes: out.textHashes, bytes: content.byteLength, redactions });
    }
  }
  return result;
}

function chunkingOptions(context: JobContext): { maxTokens: number; overlapTokens: number } {
  const overrides = context.source.config?.chunking;
  const fromConfig = typeof overrides === "object" && overrides !== null ? (overrides as { maxTokens?: unknown; overlapTokens?: unknown }) : {};
  return {
    maxTokens: typeof fromConfig.maxTokens === "number" ? fromConfig.maxTokens : context.store.chunking.maxTokens,
    overlapTokens: typeof fromConfig.overlapTokens === "number" ? fromConfig.overlapTokens : context.store.chunking.overlapTokens,
  };
}
