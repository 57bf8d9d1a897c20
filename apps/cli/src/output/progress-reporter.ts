import type { JobProgress } from "@repo/console-inngest";
import { renderBar, renderLine, type ProgressSnapshot } from "./progress";

export interface ProgressReporter {
  update(progress: JobProgress): void;
  /** Ends the live line so whatever follows starts on a fresh one. */
  finish(): void;
}

/**
 * Live progress on stderr (stdout stays for results and `--json`): a redrawn bar with an ETA on
 * a terminal; otherwise a plain line whenever more files are done, and for other changes at
 * most every `minGapMs`.
 */
/** Where progress goes: stderr, or anything with `write` (tests). */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function createProgressReporter(stream: TextSink, options: { tty?: boolean; minGapMs?: number; now?: () => number } = {}): ProgressReporter {
  const tty = options.tty ?? stream.isTTY === true;
  const now = options.now ?? Date.now;
  const startedAt = now();
  const minGapMs = options.minGapMs ?? 1000;
  let lastLine = "";
  let lastWrite = 0;
  let lastDone = -1;
  let drawn = false;
  return {
    update(progress) {
      const snapshot = toSnapshot(progress, now() - startedAt);
      if (tty) {
        stream.write(`\r\x1b[2K${renderBar(snapshot)}`);
        drawn = true;
        return;
      }
      const line = renderLine(snapshot);
      // Files finishing always earn a line; other counters moving, at most one per minGapMs.
      if (line === lastLine || (snapshot.done === lastDone && now() - lastWrite < minGapMs)) return;
      stream.write(`${line}\n`);
      lastLine = line;
      lastDone = snapshot.done;
      lastWrite = now();
    },
    finish() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}

export function toSnapshot(p: JobProgress, elapsedMs: number): ProgressSnapshot {
  return { phase: phaseOf(p), planned: p.planned, fetched: p.fetched, chunked: p.chunked, embedded: p.embedded, indexed: p.indexed, done: p.done, elapsedMs };
}

function phaseOf(p: JobProgress): string {
  if (p.status !== "running" && p.status !== "queued") return p.status;
  if (p.planned === 0) return "planning";
  if (p.fetched === 0 && p.done === 0) return "fetching";
  return p.done >= p.planned ? "finishing" : "indexing";
}
