import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is waiting for a database operation. `interactive` (the default): a page, an API route, a
 * CLI command — someone is waiting for the answer. `background`: sync work (the Inngest handler),
 * which can wait a few milliseconds more without anyone noticing.
 */
export type DbPriority = "interactive" | "background";

const priorityOfContext = new AsyncLocalStorage<DbPriority>();

/**
 * Runs `work` with every database operation it starts (however deep, through awaits) at
 * `priority`. Only PGlite (one connection) orders operations by it; Postgres has a pool.
 */
export function withDbPriority<T>(priority: DbPriority, work: () => T): T {
  return priorityOfContext.run(priority, work);
}

export function currentDbPriority(): DbPriority {
  return priorityOfContext.getStore() ?? "interactive";
}

/** One operation's wait for and hold of the connection, for tracing (see CreateDbOptions.onOperation). */
export interface DbOperationTiming {
  kind: "query" | "transaction";
  /** A statement's first 80 characters (a transaction: "transaction"). */
  label: string;
  priority: DbPriority;
  /** From the call until the operation had the connection. */
  waitedMs: number;
  /** How long the operation held the connection (a transaction: BEGIN … COMMIT, its JS in between included). */
  heldMs: number;
}

/**
 * The single PGlite connection's access queue: one operation (a statement, or a whole
 * transaction) at a time, interactive operations before background ones, FIFO within a priority.
 * PGlite's own queue is FIFO, so a page's query issued during a sync would wait behind every
 * statement the sync had already queued; in front of it, this gate lets the page's query go next.
 *
 * After an interactive operation the gate waits one macrotask before admitting background work:
 * the page's next query (issued from the previous one's continuation) then goes first instead of
 * queuing behind a background statement started in the gap.
 */
export class PriorityGate {
  #busy = false;
  #draining = false;
  /** Open `holdBackground` scopes: while any is open, no background operation is admitted. */
  #holds = 0;
  readonly #waiting: Record<DbPriority, Array<() => void>> = { interactive: [], background: [] };
  /** Operations of each priority admitted so far (tests count orderings with them). */
  readonly admitted: Record<DbPriority, number> = { interactive: 0, background: 0 };

  constructor(private readonly onOperation?: (timing: DbOperationTiming) => void) {}

  async run<T>(kind: DbOperationTiming["kind"], work: () => Promise<T>, label: string = kind): Promise<T> {
    const priority = currentDbPriority();
    const called = performance.now();
    await this.#acquire(priority);
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.#release(priority);
      this.onOperation?.({ kind, label, priority, waitedMs: started - called, heldMs: performance.now() - started });
    }
  }

  /**
   * Runs `work` (a request that makes several database calls with something else between them,
   * e.g. a webhook: record → send to Inngest → record the outcome) with background operations kept
   * off the connection until it settles, for at most `maxMs`: its later statements then wait for
   * nothing instead of for a sync transaction admitted while it was away. The operation already in
   * flight is not interrupted, and nothing of a background transaction is reordered: only the
   * admission of the next whole background operation waits. Interactive operations are unaffected.
   */
  async holdBackground<T>(work: () => Promise<T>, maxMs: number): Promise<T> {
    this.#holds++;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.#holds--;
      if (!this.#busy && !this.#draining) this.#admitNext("interactive") || this.#admitNext("background");
    };
    const timer = setTimeout(release, maxMs);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  #acquire(priority: DbPriority): Promise<void> {
    const free =
      priority === "interactive"
        ? !this.#busy && this.#waiting.interactive.length === 0
        : !this.#busy && !this.#draining && this.#holds === 0 && this.#waiting.interactive.length === 0 && this.#waiting.background.length === 0;
    if (free) {
      this.#busy = true;
      this.admitted[priority]++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.#waiting[priority].push(() => {
        this.admitted[priority]++;
        resolve();
      }),
    );
  }

  #release(priority: DbPriority): void {
    this.#busy = false;
    if (this.#admitNext("interactive")) return;
    if (priority === "interactive" && this.#waiting.background.length > 0) {
      // Give the interactive caller's continuation a chance to queue its next query first.
      this.#draining = true;
      setImmediate(() => {
        this.#draining = false;
        if (!this.#busy) this.#admitNext("interactive") || this.#admitNext("background");
      });
      return;
    }
    this.#admitNext("background");
  }

  #admitNext(priority: DbPriority): boolean {
    if (priority === "background" && this.#holds > 0) return false;
    const next = this.#waiting[priority].shift();
    if (!next) return false;
    this.#busy = true;
    next();
    return true;
  }
}
