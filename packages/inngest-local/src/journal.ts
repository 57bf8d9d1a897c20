import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { SerializedError } from "./protocol";
import type { EventPayload, PendingInfo, RunStatus, StepRecord } from "./run-state";

/**
 * One line per change of executor state, in the order it happened. Replaying the lines rebuilds
 * every retained run — memoized steps, pending sleeps, waits and retries with their deadlines —
 * so a restarted executor resumes runs where they stopped instead of losing them.
 */
export type JournalRecord =
  | { t: "event"; event: EventPayload; receivedAt: number }
  | { t: "idem"; key: string; until: number }
  | {
      t: "run";
      id: string;
      fn: { id: string; name: string; appName: string };
      event: EventPayload;
      startedAt: number;
      parent?: { runId: string; hash: string };
      singletonKey?: string;
      originalRunId?: string;
    }
  | { t: "memo"; run: string; hash: string; value: { data: unknown } | { error: unknown } }
  | { t: "step"; run: string; step: StepRecord }
  | { t: "pending"; run: string; key: string; info: PendingInfo }
  | { t: "settled"; run: string; key: string }
  | { t: "attempts"; run: string; key: string; n: number }
  | { t: "parallel"; run: string }
  | {
      t: "end";
      run: string;
      status: Extract<RunStatus, "completed" | "failed" | "cancelled" | "skipped">;
      endedAt: number;
      output?: unknown;
      error?: SerializedError;
    };

export interface RunJournal {
  append(record: JournalRecord): void;
  /** Replaces the journal with `records` (the current state), so it stops growing with history. */
  compact(records: Iterable<JournalRecord>): void;
  /** Bytes written since the last compaction, and the size that compaction left. */
  readonly growth: { appended: number; compacted: number };
  close(): void;
}

export const memoryJournal: RunJournal = {
  append() {},
  compact() {},
  growth: { appended: 0, compacted: 0 },
  close() {},
};

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`inngest-local's data directory ${dir} is in use by process ${pid}; stop it or use another --data-dir`);
    this.name = "DataDirInUseError";
  }
}

/** A change arrived after stop(): refused, so nothing is acknowledged that the journal does not hold. */
export class JournalClosedError extends Error {
  constructor() {
    super("inngest-local has stopped: its data directory is closed");
    this.name = "JournalClosedError";
  }
}

const JOURNAL = "runs.jsonl";
const LOCK = "inngest-local.lock";

/**
 * The journal as a JSON-lines file in a data directory, owned by one process at a time (a pid
 * lock file; a lock left by a killed process is taken over). Each record is written with one
 * synchronous write before the executor acts on it, so `kill -9` loses at most a call in flight,
 * which Inngest's at-least-once steps already allow for.
 */
export class FileJournal implements RunJournal {
  readonly growth = { appended: 0, compacted: 0 };
  private fd: number;
  private closed = false;

  private constructor(private readonly dir: string) {
    this.fd = openSync(join(dir, JOURNAL), "a");
    this.growth.compacted = statSync(join(dir, JOURNAL)).size;
  }

  /** Takes the directory's lock and returns the journal with the records it holds. */
  static open(dir: string): { journal: FileJournal; records: JournalRecord[] } {
    mkdirSync(dir, { recursive: true });
    takeLock(dir);
    const path = join(dir, JOURNAL);
    const records = existsSync(path) ? parseLines(readFileSync(path, "utf8")) : [];
    return { journal: new FileJournal(dir), records };
  }

  append(record: JournalRecord): void {
    // A closed descriptor's number may already belong to another file: never write through it.
    if (this.closed) throw new JournalClosedError();
    const line = `${JSON.stringify(record)}\n`;
    this.growth.appended += writeSync(this.fd, line);
  }

  compact(records: Iterable<JournalRecord>): void {
    if (this.closed) throw new JournalClosedError();
    const path = join(this.dir, JOURNAL);
    const temp = `${path}.tmp`;
    const fd = openSync(temp, "w");
    let bytes = 0;
    for (const record of records) bytes += writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
    closeSync(fd);
    closeSync(this.fd);
    // rename is atomic: a crash leaves either the old journal or the compacted one, never half.
    renameSync(temp, path);
    this.fd = openSync(path, "a");
    this.growth.appended = 0;
    this.growth.compacted = bytes;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    try {
      unlinkSync(join(this.dir, LOCK));
    } catch {
      // Already gone (e.g. the directory was removed): nothing left to release.
    }
  }
}

/** Lines that do not parse are skipped: only the last can be cut short, by a kill mid-write. */
function parseLines(text: string): JournalRecord[] {
  const records: JournalRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      // A torn final line: the change it described never took effect.
    }
  }
  return records;
}

function takeLock(dir: string): void {
  const path = join(dir, LOCK);
  try {
    writeFileSync(path, String(process.pid), { flag: "wx" });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const holder = Number(readFileSync(path, "utf8"));
  if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) throw new DataDirInUseError(dir, holder);
  writeFileSync(path, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
