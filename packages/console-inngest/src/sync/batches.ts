export interface PlannedFile {
  path: string;
  sha: string;
  size: number;
}

export interface BatchLimits {
  /** Files per batch: bounds one documents.process run's steps and the events per file. */
  maxFiles: number;
  /** Bytes of content per batch: bounds memory, embedding tokens (~bytes/4) and step time. */
  maxBytes: number;
}

// 250 files keeps a 10,000-file sync at ~40 batch events (the budget is 1 event per 100 files);
// 4 MiB of text is ~1M tokens, a few OpenAI requests, and minutes of local embedding at most.
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxFiles: 250, maxBytes: 4 * 1024 * 1024 };

/** Packs files into batches in path order; a file larger than maxBytes gets a batch of its own. */
export function packBatches<T extends PlannedFile>(files: readonly T[], limits: BatchLimits = DEFAULT_BATCH_LIMITS): T[][] {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of sorted) {
    const full = current.length >= limits.maxFiles || (current.length > 0 && bytes + file.size > limits.maxBytes);
    if (full) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
