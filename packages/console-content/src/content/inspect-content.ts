import type { SkipReason, TreeEntry } from "@repo/console-types";
import { isUnsafePath } from "./safe-path";

export interface Skip {
  reason: SkipReason;
  detail?: string;
}

export const LFS_POINTER_PREFIX = "version https://git-lfs.github.com/spec/v1";
/** Pointers are ~130 bytes; the LFS spec caps them at 1024. */
export const LFS_POINTER_MAX_BYTES = 1024;
const SNIFF_BYTES = 8 * 1024;
/** Share of control bytes in the sniffed prefix above which a NUL-free file still counts as binary. */
const MAX_CONTROL_RATIO = 0.1;

/** What the tree alone says about an entry, before any content is fetched. */
export function inspectEntry(entry: Pick<TreeEntry, "path" | "size" | "type">, maxFileBytes: number): Skip | null {
  if (isUnsafePath(entry.path)) return { reason: "unsafe-path", detail: "absolute path or `..` segment" };
  if (entry.type === "symlink") return { reason: "symlink" };
  if (entry.type === "submodule") return { reason: "submodule" };
  return inspectSize(entry.size, maxFileBytes);
}

export function inspectSize(size: number, maxFileBytes: number): Skip | null {
  return size > maxFileBytes ? { reason: "too-large", detail: `${size} bytes > limit of ${maxFileBytes}` } : null;
}

/** What the bytes say: LFS pointers, binaries, empty files and text that is not UTF-8. */
export function inspectContent(content: Buffer, maxFileBytes: number): Skip | null {
  const sized = inspectSize(content.length, maxFileBytes);
  if (sized) return sized;
  if (content.length === 0) return { reason: "empty" };
  if (isLfsPointer(content)) return { reason: "lfs-pointer", detail: "Git LFS pointer; the object itself is not in the repository" };
  if (looksBinary(content)) return { reason: "binary", detail: "detected from content" };
  if (!isValidUtf8(content)) return { reason: "invalid-utf8" };
  return null;
}

export function isLfsPointer(content: Buffer): boolean {
  return content.length < LFS_POINTER_MAX_BYTES && content.subarray(0, LFS_POINTER_PREFIX.length).toString("latin1") === LFS_POINTER_PREFIX;
}

/** The heuristic git and grep use (a NUL byte), plus a ratio of control bytes for NUL-free binaries. */
export function looksBinary(content: Buffer): boolean {
  const sample = content.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    const allowedWhitespace = byte === 9 || byte === 10 || byte === 12 || byte === 13 || byte === 27;
    if (byte < 32 && !allowedWhitespace) control += 1;
  }
  return sample.length > 0 && control / sample.length > MAX_CONTROL_RATIO;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function isValidUtf8(content: Buffer): boolean {
  try {
    utf8.decode(content);
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}
