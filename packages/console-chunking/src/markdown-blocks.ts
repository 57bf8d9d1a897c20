import { isBlank } from "./segments";

export interface MarkdownBlock {
  /** 0-based, inclusive. */
  firstLine: number;
  lastLine: number;
  type: "heading" | "fence" | "paragraph" | "front-matter";
  /** Heading level 1–6 for headings. */
  level?: number;
  title?: string;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Block structure a chunker needs: ATX headings, fenced code (kept as one block, blank lines
 * included), YAML front matter, and paragraphs between blank lines. Everything else (lists,
 * quotes, tables) is paragraph text for this purpose.
 */
export function markdownBlocks(lines: readonly string[]): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let i = 0;
  if (lines[0]?.trim() === "---") {
    const close = findLine(lines, 1, (line) => line.trim() === "---" || line.trim() === "...");
    if (close > 0) {
      blocks.push({ firstLine: 0, lastLine: close, type: "front-matter" });
      i = close + 1;
    }
  }
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence?.[1]) {
      const marker = fence[1];
      const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
      const close = findLine(lines, i + 1, (candidate) => closing.test(candidate));
      const last = close < 0 ? lines.length - 1 : close;
      blocks.push({ firstLine: i, lastLine: last, type: "fence" });
      i = last + 1;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading?.[1]) {
      blocks.push({ firstLine: i, lastLine: i, type: "heading", level: heading[1].length, title: (heading[2] ?? "").trim() });
      i += 1;
      continue;
    }
    let last = i;
    while (last + 1 < lines.length && startsParagraphContinuation(lines[last + 1] ?? "")) last += 1;
    blocks.push({ firstLine: i, lastLine: last, type: "paragraph" });
    i = last + 1;
  }
  return blocks;
}

function startsParagraphContinuation(line: string): boolean {
  return !isBlank(line) && !HEADING.test(line) && !FENCE_OPEN.test(line);
}

function findLine(lines: readonly string[], from: number, match: (line: string) => boolean): number {
  for (let i = from; i < lines.length; i++) if (match(lines[i] ?? "")) return i;
  return -1;
}
