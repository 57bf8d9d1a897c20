import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export const LOCK_FILE = "tributary.lock";

/** Thrown when another live process (or another open handle in this one) owns the data directory. */
export class DataDirInUseError extends Error {
  readonly code = "data-dir-in-use";
  readonly retryable = false;
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    lockFile: string,
  ) {
    super(
      `The database directory ${dataDir} is in use by process ${pid}. PGlite allows one process at a ` +
        `time: stop that process, then try again (if no such process exists, delete ${lockFile}).`,
    );
    this.name = "DataDirInUseError";
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * PGlite does not lock its data directory, and two instances writing one directory corrupt it.
 * We take an exclusive lock file naming its owner by more than a pid — pids are reused, e.g. by
 * node as PID 1 in a restarted container — namely the boot id and the process's start time
 * (Linux /proc); a lock whose owner is gone is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreateLockFile(path)) return { release: () => rmSync(path, { force: true }) };
    const owner = readOwner(path);
    if (owner && ownerIsAlive(owner)) throw new DataDirInUseError(dataDir, owner.pid, path);
    // Its process is gone (or the file is unreadable junk): take it over.
    rmSync(path, { force: true });
  }
  throw new Error(`Could not lock ${dataDir}: the lock file keeps reappearing (retry may help)`);
}

/** Writes the owner to a private file, then hard-links it into place: atomic, never half-written. */
function tryCreateLockFile(path: string): boolean {
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(currentOwner()));
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if (isFileExists(error)) return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

export interface LockOwner {
  pid: number;
  host: string;
  /** Linux: /proc/sys/kernel/random/boot_id (a reboot ends every process). */
  bootId?: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat, field 22). */
  startTicks?: string;
}

function currentOwner(): LockOwner {
  const bootId = readBootId();
  const startTicks = readStartTicks(process.pid);
  return { pid: process.pid, host: hostname(), ...(bootId ? { bootId } : {}), ...(startTicks ? { startTicks } : {}) };
}

/** Whether the process that wrote the lock still runs. A lock from another host counts as held: it cannot be checked. */
export function ownerIsAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  const bootId = readBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return false;
  // A process that has exited but is not reaped yet (a zombie: a CLI killed with kill -9 whose
  // parent has not waited for it yet) holds no files and no database.
  if (readState(owner.pid) === "Z") return false;
  if (owner.startTicks) {
    const startTicks = readStartTicks(owner.pid);
    // Where /proc can be read, a pid whose start time differs is another process that reused it.
    if (startTicks !== undefined || readBootId() !== undefined) return startTicks === owner.startTicks;
  }
  return isAlive(owner.pid);
}

function readBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fields of /proc/<pid>/stat after the command name (which may contain spaces and
 * parentheses: they start after the last ")"), so index 0 is the state (field 3); undefined where
 * /proc cannot be read.
 */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** The process's state letter (R, S, D, Z, ...). */
const readState = (pid: number): string | undefined => procStat(pid)?.[0];

/** The process's start time in clock ticks since boot (field 22). */
const readStartTicks = (pid: number): string | undefined => procStat(pid)?.[19];

function readOwner(path: string): LockOwner | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (parsed && typeof parsed === "object" && "pid" in parsed && "host" in parsed) {
      const { pid, host } = parsed;
      const optional = (key: string) => {
        const value = (parsed as Record<string, unknown>)[key];
        return typeof value === "string" ? value : undefined;
      };
      if (typeof pid === "number" && typeof host === "string") {
        const bootId = optional("bootId");
        const startTicks = optional("startTicks");
        return { pid, host, ...(bootId ? { bootId } : {}), ...(startTicks ? { startTicks } : {}) };
      }
    }
    return null;
  } catch (error) {
    if (isFileMissing(error) || error instanceof SyntaxError) return null;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === "EPERM";
  }
}

const errorCode = (error: unknown) => (error instanceof Error && "code" in error ? error.code : undefined);
const isFileExists = (error: unknown) => errorCode(error) === "EEXIST";
const isFileMissing = (error: unknown) => errorCode(error) === "ENOENT";
