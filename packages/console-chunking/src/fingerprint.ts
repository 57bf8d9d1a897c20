import { createHash } from "node:crypto";
import { ChunkingOptionsSchema, type Chunk, type ChunkingOptions } from "@repo/console-types";
import { ChunkingError } from "./errors";

/** Bump whenever a change to the chunker can move a boundary or change a chunk's text. */
export const CHUNKER_VERSION = 1;

export interface ResolvedChunkingOptions {
  maxTokens: number;
  overlapTokens: number;
}

export function resolveOptions(options: ChunkingOptions | undefined): ResolvedChunkingOptions {
  const parsed = ChunkingOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw new ChunkingError(`invalid chunking options: ${parsed.error.message}`, { retryable: false });
  if (parsed.data.overlapTokens >= parsed.data.maxTokens) {
    throw new ChunkingError("invalid chunking options: overlapTokens must be below maxTokens", { retryable: false });
  }
  return parsed.data;
}

/** Everything besides the text that decides a chunk; stores keep it to know when to re-chunk. */
export function chunkingFingerprint(options?: ChunkingOptions): string {
  return fingerprintOf(resolveOptions(options));
}

export function fingerprintOf(options: ResolvedChunkingOptions): string {
  return `tributary-chunker/${CHUNKER_VERSION};maxTokens=${options.maxTokens};overlapTokens=${options.overlapTokens}`;
}

/**
 * sha256 over fingerprint, kind, context and text — never the path, so a renamed file keeps its
 * hashes. Context is included because callers embed it with the text (a class rename changes
 * what its methods' vectors should say); it holds only symbol or heading names.
 */
export function chunkHash(fingerprint: string, kind: Chunk["kind"], context: string | undefined, text: string): string {
  return createHash("sha256")
    .update(fingerprint)
    .update("\u0000")
    .update(kind)
    .update("\u0000")
    .update(context ?? "")
    .update("\u0000")
    .update(text)
    .digest("hex");
}
