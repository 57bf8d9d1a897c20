// The CPU-bound work of a sync, as plain functions of plain data: run in the CPU pool's worker
// threads (cpu-worker.ts), or inline when no worker can start. Keep imports free of anything that
// opens a database or a network client: a worker loads this module and what it imports.
import { chunkDocument } from "@repo/console-chunking";
import { REPO_PATH_SEPARATOR } from "./repo-paths";
import { redactFileContent, type RedactionCounts } from "@repo/console-github/redact";
import { lexicalTermsOf, type LexicalTerms } from "@repo/console-db/lexical-terms";
import { embedTextInto } from "@repo/console-embed/local";
import { extractRelationships, type Relationship } from "@repo/console-relationships";
import { sha256Hex, type Chunk, type EmbeddingKind } from "@repo/console-types";

export interface ChunkFilesInput {
  files: Array<{ path: string; content: Uint8Array }>;
  options: { maxTokens: number; overlapTokens: number };
}

/**
 * Per file, in input order: its chunks with each chunk's lexical terms and text hash (the
 * embedding cache's key, sha256Hex of the text), or why chunking failed.
 */
export type ChunkFilesOutput = Array<{ chunks: Chunk[]; lexical: LexicalTerms[]; textHashes: string[] } | { error: string }>;

/** Chunks files and computes each chunk's lexical terms and text hash (what the embed and index steps use). */
export async function chunkFiles({ files, options }: ChunkFilesInput): Promise<ChunkFilesOutput> {
  const decoder = new TextDecoder("utf-8");
  const out: ChunkFilesOutput = [];
  for (const file of files) {
    // Inline (no worker could start), give the event loop a turn per file, as a server needs.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const chunks = await chunkDocument({ path: file.path, text: decoder.decode(file.content) }, options);
      out.push({ chunks, lexical: chunks.map((c) => lexicalTermsOf(c.text, c.context, file.path)), textHashes: chunks.map((c) => sha256Hex(c.text)) });
    } catch (error) {
      out.push({ error: `chunking failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return out;
}

export interface EmbedLocalInput {
  texts: string[];
  dimensions: number;
  kind: EmbeddingKind;
}

/** The local embedder's vectors for `texts`, one after another in one array (transferred, not copied). */
export async function embedLocal({ texts, dimensions, kind }: EmbedLocalInput): Promise<Float64Array> {
  const out = new Float64Array(texts.length * dimensions);
  for (const [i, text] of texts.entries()) embedTextInto(out, i * dimensions, text, dimensions, kind);
  return out;
}

export interface ExtractEdgesInput {
  files: Array<{ path: string; content: Uint8Array }>;
  /** Every path of the repository, joined with NUL, which no Git path holds (one string clones faster than an array of them). */
  repoPaths: string;
  repo?: { owner: string; name: string };
  goModulePath?: string;
}

/** The repository's path set of the last task, kept while the next task sends the same paths (one job's slices do). */
let lastRepoPaths: { joined: string; set: ReadonlySet<string> } | undefined;

/** Each file's relationships (extractRelationships), in input order. */
export async function extractEdges({ files, repoPaths, repo, goModulePath }: ExtractEdgesInput): Promise<Relationship[][]> {
  if (lastRepoPaths?.joined !== repoPaths) lastRepoPaths = { joined: repoPaths, set: new Set(repoPaths === "" ? [] : repoPaths.split(REPO_PATH_SEPARATOR)) };
  const paths = lastRepoPaths.set;
  const decoder = new TextDecoder("utf-8");
  return files.map(({ path, content }) =>
    extractRelationships({ path, text: decoder.decode(content), repoPaths: paths, ...(repo ? { repo } : {}), ...(goModulePath ? { goModulePath } : {}) }),
  );
}

/**
 * Each content with its secrets replaced (redactFileContent), in input order; `content` is left
 * out when nothing was found, so the caller keeps its own bytes and none are copied back.
 */
export async function redactFiles({ contents }: { contents: Uint8Array[] }): Promise<Array<{ content?: Uint8Array; redactions: RedactionCounts }>> {
  return contents.map((original) => {
    const { content, redactions } = redactFileContent(original);
    return content === original ? { redactions } : { content, redactions };
  });
}

export const cpuTasks = { chunkFiles, embedLocal, extractEdges, redactFiles };
export type CpuTasks = typeof cpuTasks;
export type CpuTaskName = keyof CpuTasks;
