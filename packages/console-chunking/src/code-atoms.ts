import type { Node } from "web-tree-sitter";
import { lineKey, nestedRank, type Atom } from "./atom";
import { lineAtoms, type AtomContext } from "./line-atoms";
import { segmentRange, sumTokens } from "./segments";
import { declaredName } from "./symbols";
import { append } from "./append";

// Comments and decorators belong to the declaration that follows them, so they never end a part.
const ATTACHES_FORWARD = /comment|decorator|^annotation$/;

interface Part {
  firstLine: number;
  lastLine: number;
  /** The child whose last line ends the part: the declaration or statement it is about. */
  main: Node | undefined;
}

/**
 * Atoms for the lines [firstLine, lastLine] of `node`: its children, cut where a child ends.
 * A part that fits is one atom; an oversize part descends into the child that defines it, then
 * into lines, then into token windows for a single giant line.
 */
export function codeAtoms(
  ctx: AtomContext,
  node: Node,
  firstLine: number,
  lastLine: number,
  depth: number,
  firstRank: number,
  scope: readonly string[],
): Atom[] {
  const atoms: Atom[] = [];
  for (const part of partition(node, firstLine, lastLine)) {
    const range = segmentRange(ctx.source, part.firstLine, part.lastLine);
    if (!range) continue;
    const rank = atoms.length === 0 ? firstRank : nestedRank(depth);
    const tokens = sumTokens(ctx.source, range[0], range[1]);
    const main = part.main;
    if (tokens <= ctx.maxTokens) {
      const symbol = main ? declaredName(main) : undefined;
      const keyLine = Math.max(part.firstLine, main?.startPosition.row ?? part.firstLine);
      const key = lineKey(ctx.source.lines[keyLine] ?? "");
      atoms.push({ firstSegment: range[0], lastSegment: range[1], tokens, rank, key, scope, symbols: symbol ? [symbol] : [] });
    } else if (main && main.childCount > 0 && endLine(main) > main.startPosition.row) {
      const name = declaredName(main);
      // export_statement and its class both name "Server": record it once.
      const inner = name && scope.at(-1) !== name ? [...scope, name] : scope;
      append(atoms, codeAtoms(ctx, main, part.firstLine, part.lastLine, depth + 1, rank, inner));
    } else {
      append(atoms, lineAtoms(ctx, range[0], range[1], rank, scope));
    }
  }
  return atoms;
}

/** Splits [firstLine, lastLine] after each line on which a (non-comment) child of `node` ends. */
function partition(node: Node, firstLine: number, lastLine: number): Part[] {
  const parts: Part[] = [];
  let start = firstLine;
  let main: Node | undefined;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    const end = endLine(child);
    if (end < start) continue;
    if (ATTACHES_FORWARD.test(child.type)) continue;
    main = child;
    if (end >= lastLine) break;
    parts.push({ firstLine: start, lastLine: end, main });
    start = end + 1;
    main = undefined;
  }
  if (start <= lastLine) parts.push({ firstLine: start, lastLine, main });
  return parts;
}

/** A node that swallows its trailing newline reports column 0 of the next row as its end. */
function endLine(node: Node): number {
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row - 1 : end.row;
}
