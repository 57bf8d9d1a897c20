import { setFlagsFromString } from "node:v8";

/**
 * For a one-shot command that opens PGlite, reads and exits (search, status): V8 compiles
 * WebAssembly from here on with its baseline compiler (Liftoff) only. By default it also
 * recompiles the functions that run often with its optimizing compiler (TurboFan), on background
 * threads: in a ~1 s command that was about half of the process's CPU time (some 40 of PGlite's
 * functions, large ones, compiled again each run) and ~80 MiB of its peak memory, for code that
 * finishes before it would pay back. Call before PGlite is opened; the flag is the process's for
 * its lifetime (a PGlite opened later in the same process keeps baseline code): a sync whose
 * no-change check ran this way and declined runs the full sync in a new process (sync-entry.ts).
 */
export function compileWasmBaselineOnly(): void {
  setFlagsFromString("--liftoff-only");
  baselineOnly = true;
}

let baselineOnly = false;

/** Whether this process compiles WebAssembly as baseline code only (compileWasmBaselineOnly ran). */
export function wasmIsBaselineOnly(): boolean {
  return baselineOnly;
}
