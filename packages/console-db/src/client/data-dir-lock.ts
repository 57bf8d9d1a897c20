import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

const LOCK_FILE = "tributary.lock";

/** Thrown when another live process (or another open handle in this one) owns the data directory. */
export class DataDirInUseError extends Error {
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
 * We take an exclusive lock file holding our pid; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreateLockFile(path)) return { release: () => rmSync(path, { force: true }) };
    const owner = readOwner(path);
    // A lock from another host cannot be checked for liveness, so it counts as held.
    if (owner && (owner.host !== hostname() || isAlive(owner.pid))) throw new DataDirInUseError(dataDir, owner.pid, path);
    // Its process is gone (or the file is unreadable junk): take it over.
    rmSync(path, { force: true });
  }
  throw new Error(`Could not lock ${dataDir}: the lock file keeps reappearing (retry may help)`);
}

/** Writes the owner to a private file, then hard-links it into place: atomic, never half-written. */
function tryCreateLockFile(path: string): boolean {
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, JSON.stringify({ pid: process.pid, host: hostname() }));
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

function readOwner(path: string): { pid: number; host: string } | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (parsed && typeof parsed === "object" && "pid" in parsed && "host" in parsed) {
      const { pid, host } = parsed;
      if (typeof pid === "number" && typeof host === "string") return { pid, host };
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
