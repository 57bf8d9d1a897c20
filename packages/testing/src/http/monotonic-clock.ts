/**
 * A fake service's clock: wall time plus what a test advanced, and strictly increasing (one
 * millisecond per call at least), so timestamps a fake stamps on edits order them exactly.
 */
export class MonotonicClock {
  private last = 0;
  private offsetMs = 0;

  now(): number {
    this.last = Math.max(Date.now() + this.offsetMs, this.last + 1);
    return this.last;
  }

  /** Moves the clock forward (edits after a sync land outside its overlap window). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
