/** A source of time and timers; the executor never calls Date.now() or setTimeout itself. */
export interface Clock {
  now(): number;
  /** Runs `fire` at `at` (epoch ms). Returns a cancel function. */
  setTimer(at: number, fire: () => void, kind?: TimerKind): () => void;
  /** The earliest pending timer of kind "run" (sleeps, retries, timeouts), or of any kind. */
  nextTimer(includeBackground?: boolean): number | undefined;
  /** Whether a timer is past due but has not fired yet (real clock only). */
  hasDueTimers(): boolean;
}

/** "background" timers (crons) never keep `runUntilIdle()` going. */
export type TimerKind = "run" | "background";

interface PendingTimer {
  at: number;
  fire: () => void;
  kind: TimerKind;
  seq: number;
}

abstract class TimerBook implements Clock {
  protected readonly timers = new Set<PendingTimer>();
  private seq = 0;

  abstract now(): number;
  protected abstract arm(timer: PendingTimer): () => void;

  setTimer(at: number, fire: () => void, kind: TimerKind = "run"): () => void {
    const timer: PendingTimer = { at, kind, seq: this.seq++, fire: () => {} };
    timer.fire = () => {
      this.timers.delete(timer);
      fire();
    };
    this.timers.add(timer);
    const disarm = this.arm(timer);
    return () => {
      this.timers.delete(timer);
      disarm();
    };
  }

  nextTimer(includeBackground = false): number | undefined {
    let next: number | undefined;
    for (const timer of this.timers) {
      if ((includeBackground || timer.kind === "run") && (next === undefined || timer.at < next)) next = timer.at;
    }
    return next;
  }

  hasDueTimers(): boolean {
    const now = this.now();
    for (const timer of this.timers) if (timer.at <= now) return true;
    return false;
  }
}

export class RealClock extends TimerBook {
  now(): number {
    return Date.now();
  }

  protected arm(timer: PendingTimer): () => void {
    // setTimeout overflows above ~24.8 days; re-arm in hops for longer sleeps.
    const maxDelay = 2 ** 31 - 1;
    let handle: NodeJS.Timeout;
    const schedule = () => {
      const delay = Math.max(0, timer.at - Date.now());
      handle = setTimeout(delay > maxDelay ? schedule : timer.fire, Math.min(delay, maxDelay));
      // Background timers (crons) must not keep a test process alive.
      if (timer.kind === "background") handle.unref();
    };
    schedule();
    return () => clearTimeout(handle);
  }
}

/** Time only moves when `advanceTo` is called, so sleeps and backoff cost nothing in tests. */
export class VirtualClock extends TimerBook {
  private current: number;

  constructor(start = Date.now()) {
    super();
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  protected arm(): () => void {
    return () => {};
  }

  /** Fires every timer due up to `target`, in time order, and leaves the clock at `target`. */
  advanceTo(target: number): void {
    for (;;) {
      const due = [...this.timers].filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.current = Math.max(this.current, due.at);
      due.fire();
    }
    this.current = Math.max(this.current, target);
  }
}
