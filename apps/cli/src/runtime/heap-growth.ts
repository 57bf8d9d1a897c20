import { setFlagsFromString } from "node:v8";

/** How far past what survived its last full GC V8 lets a sync's heaps grow (V8's default is up to 300). */
export const SYNC_HEAP_GROWING_PERCENT = 40;

/**
 * For a full sync, called before the runtime opens: V8 lets a heap's limit grow to up to 4× what
 * survived the last full GC when it collects quickly, and the sync's garbage (file texts, chunk
 * and query objects) filled that room — the main thread's heap peaked at 170–196 MiB in
 * bench:cli's 3,000-file sync, against 101–112 MiB at 1.4× with no measured CPU cost. The flag is
 * the process's (the CPU pool's worker threads start after it and share it). A growing percent
 * the user gave node wins. Returns whether this call set it.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent(=|$)/.test(arg))) return false;
  setFlagsFromString(`--heap-growing-percent=${SYNC_HEAP_GROWING_PERCENT}`);
  return true;
}
