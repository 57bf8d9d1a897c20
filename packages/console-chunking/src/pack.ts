import { append } from "./append";
import { mixKeys, type Atom } from "./atom";

/**
 * Groups atoms into runs (future chunks) with boundaries that survive edits.
 *
 * Greedy packing decides each boundary from where the previous chunk started, so one inserted
 * line can shift every boundary after it. Here a boundary between atoms is kept only when it is
 * the strongest boundary within `reach` tokens on both sides (strength = structural rank, then
 * a hash of the atom's first line). That decision looks only at nearby content, so an edit
 * moves at most the boundaries within `reach` of it and the rest of the file keeps its chunks.
 * Runs still over maxTokens are split at their strongest inner boundary, recursively.
 */
export function packAtoms(atoms: readonly Atom[], maxTokens: number, reach: number): Atom[][] {
  const keyed = withTieKeys(atoms);
  const runs: Atom[][] = [];
  let stretch: Atom[] = [];
  const flushStretch = () => {
    for (const run of selectRuns(stretch, maxTokens, reach)) append(runs, splitOversize(run, maxTokens, reach));
    stretch = [];
  };
  for (const atom of keyed) {
    if (!atom.window) {
      stretch.push(atom);
      continue;
    }
    flushStretch();
    runs.push([atom]);
  }
  flushStretch();
  return runs;
}

function withTieKeys(atoms: readonly Atom[]): Atom[] {
  return atoms.map((atom, i) => ({
    ...atom,
    tieKey: mixKeys(mixKeys(atoms[i - 2]?.key ?? 0, atoms[i - 1]?.key ?? 0), atom.key),
  }));
}

function stronger(a: Atom, b: Atom): boolean {
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.key !== b.key) return a.key > b.key;
  return (a.tieKey ?? 0) > (b.tieKey ?? 0);
}

/** Local maxima of boundary strength; the stretch's own edges count as strongest of all. */
function selectRuns(atoms: Atom[], maxTokens: number, reach: number): Atom[][] {
  if (atoms.length === 0) return [];
  const positions = new Float64Array(atoms.length + 1);
  atoms.forEach((atom, i) => (positions[i + 1] = (positions[i] ?? 0) + atom.tokens));
  const total = positions[atoms.length] ?? 0;
  if (total <= maxTokens) return [atoms];

  const cuts: number[] = [];
  for (let i = 1; i < atoms.length; i++) {
    const at = positions[i] ?? 0;
    if (at < reach || total - at < reach) continue;
    if (isLocalMaximum(atoms, positions, i, reach)) cuts.push(i);
  }
  const runs: Atom[][] = [];
  let start = 0;
  for (const cut of [...cuts, atoms.length]) {
    runs.push(atoms.slice(start, cut));
    start = cut;
  }
  return runs;
}

function isLocalMaximum(atoms: Atom[], positions: Float64Array, i: number, reach: number): boolean {
  const self = atoms[i];
  const at = positions[i] ?? 0;
  if (!self) return false;
  for (let j = i - 1; j >= 1 && at - (positions[j] ?? 0) < reach; j--) {
    const other = atoms[j];
    // Equal strength: the leftmost wins, so identical lines don't both cut.
    if (other && !stronger(self, other)) return false;
  }
  for (let j = i + 1; j < atoms.length && (positions[j] ?? 0) - at < reach; j++) {
    const other = atoms[j];
    if (other && stronger(other, self)) return false;
  }
  return true;
}

/**
 * Splits a run over maxTokens at its strongest inner boundary, recursively. The choice depends
 * only on the run's own atoms, so it too is stable under edits elsewhere.
 */
export function splitOversize(run: Atom[], maxTokens: number, reach: number): Atom[][] {
  // An explicit stack: a run of thousands of identical lines would otherwise recurse that deep.
  const done: Atom[][] = [];
  const pending: Atom[][] = [run];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const total = next.reduce((sum, atom) => sum + atom.tokens, 0);
    if (total <= maxTokens || next.length < 2) {
      done.push(next);
      continue;
    }
    const cut = strongestCut(next, reach);
    pending.push(next.slice(cut), next.slice(0, cut));
  }
  return done;
}

/**
 * Index of the atom after the strongest inner boundary, preferring boundaries that leave at
 * least `reach` tokens on each side so the halves are not slivers. Only truly equal boundaries
 * (the same three lines over and over) fall back to the one nearest the middle, which keeps a
 * run of thousands of identical lines from splitting quadratically.
 */
export function strongestCut(run: readonly Atom[], reach: number): number {
  const total = run.reduce((sum, atom) => sum + atom.tokens, 0);
  const better = (i: number, iLeft: number, best: number, bestLeft: number) => {
    const atom = run[i];
    const current = run[best];
    if (!atom || !current) return !current;
    if (stronger(atom, current)) return true;
    if (stronger(current, atom)) return false;
    return Math.abs(total - 2 * iLeft) < Math.abs(total - 2 * bestLeft);
  };
  let best = -1;
  let bestLeft = 0;
  let balanced = -1;
  let balancedLeft = 0;
  let left = 0;
  for (let i = 1; i < run.length; i++) {
    left += run[i - 1]?.tokens ?? 0;
    if (best < 0 || better(i, left, best, bestLeft)) [best, bestLeft] = [i, left];
    const isBalanced = left >= reach && total - left >= reach;
    if (isBalanced && (balanced < 0 || better(i, left, balanced, balancedLeft))) [balanced, balancedLeft] = [i, left];
  }
  return balanced > 0 ? balanced : Math.max(1, best);
}
