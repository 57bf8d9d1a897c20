/**
 * Which upsert batches of a job have every file's content settled (staged, or found unindexable),
 * as the contents arrive: a batch can be processed from then on, while later ones are still read.
 * A blob shared by several batches settles all of them at once.
 */
export function createBatchReadiness(batches: ReadonlyArray<{ files: ReadonlyArray<{ sha: string }> }>, settled: ReadonlySet<string>) {
  const waiting = batches.map(() => 0);
  const batchesOf = new Map<string, number[]>();
  for (const [index, batch] of batches.entries()) {
    for (const sha of new Set(batch.files.map((f) => f.sha))) {
      if (settled.has(sha)) continue;
      waiting[index]! += 1;
      const of = batchesOf.get(sha);
      if (of) of.push(index);
      else batchesOf.set(sha, [index]);
    }
  }
  const released = new Set<number>();
  const take = (indexes: number[]) => {
    const ready = indexes.filter((i) => waiting[i] === 0 && !released.has(i));
    for (const i of ready) released.add(i);
    return ready;
  };
  return {
    /** Batches ready before anything is read (every blob staged by an earlier attempt). */
    initial: () => take(batches.map((_, i) => i)),
    /** A blob's content settled: the batches that became ready with it, in batch order. */
    settle(sha: string): number[] {
      const of = batchesOf.get(sha);
      if (!of) return [];
      batchesOf.delete(sha);
      for (const i of of) waiting[i]! -= 1;
      return take(of);
    },
    /** Batches not released yet (a reader that never yielded some file), in batch order. */
    rest: () => {
      const rest = batches.map((_, i) => i).filter((i) => !released.has(i));
      for (const i of rest) released.add(i);
      return rest;
    },
  };
}
