import { ChunkSchema, type Chunk } from "@repo/console-types";
import { countTokens as referenceCount } from "gpt-tokenizer/encoding/cl100k_base";

/** Counted straight with gpt-tokenizer, not through the package's own helpers. */
export function referenceTokens(text: string): number {
  return referenceCount(text, { disallowedSpecial: new Set() });
}

/** The text chunkDocument works on: no BOM, LF newlines. */
export function normalizedLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
}

/**
 * Every promise chunkDocument makes, as a list of broken ones (empty = all kept): schema,
 * exact token counts, the limit, exact line ranges, and that no non-blank line is lost.
 */
export function brokenInvariants(text: string, chunks: Chunk[], maxTokens: number): string[] {
  const lines = normalizedLines(text);
  const problems: string[] = [];
  const covered = new Uint8Array(lines.length);
  const windowCursor = new Map<number, number>();
  chunks.forEach((chunk, index) => {
    const at = `chunk ${index} (lines ${chunk.startLine}-${chunk.endLine})`;
    const parsed = ChunkSchema.safeParse(chunk);
    if (!parsed.success) problems.push(`${at}: schema ${parsed.error.message}`);
    if (chunk.text.trim() === "") problems.push(`${at}: blank text`);
    const exact = referenceTokens(chunk.text);
    if (exact !== chunk.tokenCount) problems.push(`${at}: tokenCount ${chunk.tokenCount} but gpt-tokenizer says ${exact}`);
    if (exact > maxTokens) problems.push(`${at}: ${exact} tokens > ${maxTokens}`);
    if (chunk.startLine < 1 || chunk.endLine > lines.length || chunk.startLine > chunk.endLine) {
      problems.push(`${at}: line range outside the file (${lines.length} lines)`);
      return;
    }
    for (let line = chunk.startLine; line <= chunk.endLine; line++) covered[line - 1] = 1;
    const joined = lines.slice(chunk.startLine - 1, chunk.endLine).join("\n");
    if (joined === chunk.text) {
      if (lines[chunk.startLine - 1]?.trim() === "" || lines[chunk.endLine - 1]?.trim() === "") {
        problems.push(`${at}: starts or ends on a blank line`);
      }
      return;
    }
    // Otherwise it must be the next window of one oversize line, with only whitespace skipped.
    const line = lines[chunk.startLine - 1] ?? "";
    const cursor = windowCursor.get(chunk.startLine) ?? 0;
    const found = chunk.startLine === chunk.endLine ? line.indexOf(chunk.text, cursor) : -1;
    if (found < 0 || line.slice(cursor, found).trim() !== "") {
      problems.push(`${at}: text is neither lines ${chunk.startLine}..${chunk.endLine} nor the next window of that line`);
      return;
    }
    windowCursor.set(chunk.startLine, found + chunk.text.length);
  });
  for (const [lineNumber, cursor] of windowCursor) {
    if ((lines[lineNumber - 1] ?? "").slice(cursor).trim() !== "") problems.push(`line ${lineNumber}: windows stop before its end`);
  }
  lines.forEach((line, index) => {
    if (line.trim() !== "" && !covered[index]) problems.push(`line ${index + 1} is in no chunk`);
  });
  return problems;
}

/** Hashes in `after` that `before` did not have (each costs an embedding), and hashes gone. */
export function hashChanges(before: Chunk[], after: Chunk[]): { added: number; removed: number } {
  const old = new Set(before.map((chunk) => chunk.hash));
  const now = new Set(after.map((chunk) => chunk.hash));
  return {
    added: [...now].filter((hash) => !old.has(hash)).length,
    removed: [...old].filter((hash) => !now.has(hash)).length,
  };
}
