/**
 * The smallest unit the packer moves: a run of whole segments (or, for one line too long to
 * fit, a window of that line). Boundaries are chosen between atoms, never inside one.
 */
export interface Atom {
  firstSegment: number;
  lastSegment: number;
  /** Σ segment tokens: the atom's exact cost when a chunk continues after it. */
  tokens: number;
  /** Structural strength of the boundary before this atom (declaration > member > line). */
  rank: number;
  /** Content hash of the atom's defining line; breaks ties between equal ranks. */
  key: number;
  /**
   * Hash of this key with the two before it, set by the packer: it tells apart identical
   * lines ("</td>", "}") by their neighbours, so ties rarely fall back to position.
   */
  tieKey?: number;
  /** Enclosing symbol path (code) or heading path (markdown). */
  scope: readonly string[];
  /** Names declared by this atom (code only). */
  symbols: readonly string[];
  /** Set when the atom is a piece of one oversize line: it always stands alone. */
  window?: { text: string; tokens: number };
}

/** Boundary ranks: only their order matters. */
export const RANK = {
  topLevel: 1000,
  paragraph: 100,
  line: 1,
} as const;

/** Headings outrank paragraphs, and a higher-level heading outranks a lower one. */
export function headingRank(level: number): number {
  return RANK.topLevel - level;
}

/** Each level of descent into an oversize node weakens the boundaries it creates. */
export function nestedRank(depth: number): number {
  return Math.max(RANK.paragraph + 1, RANK.topLevel - depth);
}

export function mixKeys(a: number, b: number): number {
  return Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x01000193) >>> 0;
}

/** FNV-1a over the trimmed line: cheap, stable, and independent of indentation changes. */
export function lineKey(line: string): number {
  const text = line.trim();
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
