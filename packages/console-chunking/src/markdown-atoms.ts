import { headingRank, lineKey, RANK, type Atom } from "./atom";
import { lineAtoms, type AtomContext } from "./line-atoms";
import { markdownBlocks, type MarkdownBlock } from "./markdown-blocks";
import { segmentRange, sumTokens } from "./segments";
import { append } from "./append";

interface Section {
  blocks: MarkdownBlock[];
  level: number;
  path: string[];
}

/**
 * Heading sections as atoms. A section too big for one chunk becomes its blocks (a fenced code
 * block stays whole whenever it fits), and an oversize block becomes lines.
 */
export function markdownAtoms(ctx: AtomContext): Atom[] {
  const atoms: Atom[] = [];
  for (const section of sections(markdownBlocks(ctx.source.lines))) {
    const first = section.blocks[0];
    const last = section.blocks.at(-1);
    if (!first || !last) continue;
    const range = segmentRange(ctx.source, first.firstLine, last.lastLine);
    if (!range) continue;
    const rank = section.level > 0 ? headingRank(section.level) : RANK.topLevel;
    const tokens = sumTokens(ctx.source, range[0], range[1]);
    if (tokens <= ctx.maxTokens) {
      const key = lineKey(ctx.source.lines[first.firstLine] ?? "");
      atoms.push({ firstSegment: range[0], lastSegment: range[1], tokens, rank, key, scope: section.path, symbols: [] });
      continue;
    }
    section.blocks.forEach((block, index) => {
      append(atoms, blockAtoms(ctx, block, index === 0 ? rank : RANK.paragraph, section.path));
    });
  }
  return atoms;
}

function blockAtoms(ctx: AtomContext, block: MarkdownBlock, rank: number, path: string[]): Atom[] {
  const range = segmentRange(ctx.source, block.firstLine, block.lastLine);
  if (!range) return [];
  const tokens = sumTokens(ctx.source, range[0], range[1]);
  if (tokens > ctx.maxTokens) return lineAtoms(ctx, range[0], range[1], rank, path);
  const key = lineKey(ctx.source.lines[block.firstLine] ?? "");
  return [{ firstSegment: range[0], lastSegment: range[1], tokens, rank, key, scope: path, symbols: [] }];
}

/** Every heading opens a section; `path` is the chain of enclosing headings ("Install > Linux"). */
function sections(blocks: MarkdownBlock[]): Section[] {
  const result: Section[] = [];
  const open: { level: number; title: string }[] = [];
  let current: Section = { blocks: [], level: 0, path: [] };
  for (const block of blocks) {
    if (block.type === "heading" && block.level) {
      if (current.blocks.length > 0) result.push(current);
      while (open.length > 0 && (open.at(-1)?.level ?? 0) >= block.level) open.pop();
      open.push({ level: block.level, title: block.title ?? "" });
      current = { blocks: [], level: block.level, path: open.map((heading) => heading.title).filter(Boolean) };
    }
    current.blocks.push(block);
  }
  if (current.blocks.length > 0) result.push(current);
  return result;
}
