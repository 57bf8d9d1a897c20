import type { Chunk, ChunkingOptions } from "@repo/console-types";
import { chunkDocument } from "./chunk-document";

export type SkipReason = "empty" | "binary" | "invalid-utf8" | "too-large";

export type ChunkFileResult =
  | { status: "chunked"; chunks: Chunk[]; /** Invalid byte sequences decoded as U+FFFD. */ replacedBytes: number }
  | { status: "skipped"; reason: SkipReason; detail: string };

export interface ChunkFileOptions extends ChunkingOptions {
  /** Files above this are skipped rather than chunked (default 16 MiB). */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
// Up to this share of bad bytes is a stray Latin-1 character; beyond, it is not UTF-8 text.
const MAX_INVALID_SHARE = 0.001;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/**
 * Chunks raw file bytes, or says plainly why not. Never throws for bad content: a NUL byte means
 * binary (Postgres text and JSON metadata cannot hold NUL either), mostly-invalid UTF-8 means
 * another encoding, and a file with no visible characters has nothing to index.
 */
export async function chunkFile(file: { path: string; bytes: Uint8Array }, options?: ChunkFileOptions): Promise<ChunkFileResult> {
  const { maxBytes = DEFAULT_MAX_BYTES, ...chunking } = options ?? {};
  const { bytes } = file;
  if (bytes.length > maxBytes) return skipped("too-large", `${bytes.length} bytes is over the ${maxBytes}-byte limit`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) return skipped("binary", `NUL byte at offset ${nul}`);

  let text: string;
  let replacedBytes = 0;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    text = lenientUtf8.decode(bytes);
    replacedBytes = countReplacements(text) - countEncodedReplacementChars(bytes);
    if (replacedBytes > Math.max(1, bytes.length * MAX_INVALID_SHARE)) {
      return skipped("invalid-utf8", `${replacedBytes} invalid UTF-8 sequences in ${bytes.length} bytes`);
    }
  }
  const chunks = await chunkDocument({ path: file.path, text }, chunking);
  if (chunks.length === 0) return skipped("empty", bytes.length === 0 ? "the file is empty" : "the file has only whitespace");
  return { status: "chunked", chunks, replacedBytes };
}

function skipped(reason: SkipReason, detail: string): ChunkFileResult {
  return { status: "skipped", reason, detail };
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\uFFFD"); i >= 0; i = text.indexOf("\uFFFD", i + 1)) count += 1;
  return count;
}

/** U+FFFD characters that were genuinely in the file (encoded as EF BF BD) are not replacements. */
function countEncodedReplacementChars(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count += 1;
  }
  return count;
}
