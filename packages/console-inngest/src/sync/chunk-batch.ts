import { chunkDocument } from "@repo/console-chunking";
import { schema, type Db, type PlannedFile } from "@repo/console-db";
import type { Chunk } from "@repo/console-types";
import { and, eq, inArray } from "drizzle-orm";
import type { JobContext } from "./context";
import { timed } from "./stage-timings";

export interface ChunkedFile {
  file: PlannedFile;
  chunks: Chunk[];
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
  const decoder = new TextDecoder("utf-8");
  const result: ChunkedBatch = { files: [], skipped: [], failed: [] };
  for (const file of files) {
    const { content, redactions } = staged.get(file.sha) ?? {};
    if (!content || !redactions) {
      result.skipped.push(file);
      continue;
    }
    // Chunking is CPU-bound: give the event loop a turn per file so a server running this step
    // (the console serving the functions) keeps answering requests.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const chunks = await timed("chunk", () => chunkDocument({ path: file.path, text: decoder.decode(content) }, options));
      result.files.push({ file, chunks, bytes: content.byteLength, redactions });
    } catch (error) {
      result.failed.push({ file, error: `chunking failed: ${error instanceof Error ? error.message : String(error)}` });
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
