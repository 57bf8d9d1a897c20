import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * `<data dir>/tributary-synced-heads.json`: for each local repository and branch, the commit its
 * last successful sync from this CLI indexed. A hint only, never the record (the database is):
 * when the branch head differs from it, a re-sync cannot be a no-change one, so `tributary sync`
 * skips the no-change check and its database open (sync/unchanged.ts) and opens the database once,
 * for the full sync. When it matches, or is missing or unreadable, the exact check runs as before.
 */
export const SYNCED_HEADS_FILE = "tributary-synced-heads.json";

type Heads = Record<string, string>;

const keyOf = (location: string, branch: string) => `${location}\0${branch}`;

function readHeads(dataDir: string): Heads {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dataDir, SYNCED_HEADS_FILE), "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return {};
  }
}

export function readSyncedHead(dataDir: string, location: string, branch: string): string | undefined {
  return readHeads(dataDir)[keyOf(location, branch)];
}

/**
 * Called while this process owns the data directory (its lock), after a sync of `commit`
 * succeeded. Best effort: a hint that cannot be written only costs the next sync the check.
 */
export function recordSyncedHead(dataDir: string, location: string, branch: string, commit: string): void {
  const heads = readHeads(dataDir);
  if (heads[keyOf(location, branch)] === commit) return;
  heads[keyOf(location, branch)] = commit;
  const path = join(dataDir, SYNCED_HEADS_FILE);
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(partial, JSON.stringify(heads));
    renameSync(partial, path);
  } catch {
    // ignore: see above
  }
}
