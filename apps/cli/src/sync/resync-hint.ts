import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readSyncedHead } from "./synced-heads";

/**
 * Whether `tributary sync <argv>` looks, from files alone, like a re-sync of a local repository
 * whose branch head is the one its last sync indexed (synced-heads.ts): decided as the process
 * starts, before any module or git process, so that PGlite's WebAssembly can compile on V8's
 * background threads meanwhile (runtime/early-wasm.ts). A guess only: the head is read from the
 * repository's .git files (HEAD, refs/heads/<branch>, packed-refs) and the exact check still runs
 * (sync/unchanged.ts). Anything unusual — options it does not know, a worktree or bare
 * repository, a symbolic ref elsewhere, an unreadable file — answers false.
 */
export function looksLikeUnchangedResync(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): boolean {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        "data-dir": { type: "string" },
        embedding: { type: "string" },
        branch: { type: "string" },
        json: { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    });
    const [path, ...extra] = positionals;
    // Local paths only (as sync-entry's check): `github:`, URLs and item sources have a colon.
    if (!path || extra.length > 0 || path.includes(":") || env.DATABASE_URL || env.TRIBUTARY_STAGE_TIMINGS) return false;
    // The full sync a declined check started in a fresh process (sync-entry.ts): it must keep V8's optimizing compiler.
    if (env.TRIBUTARY_FULL_SYNC === "1") return false;
    const dataDir = resolve(cwd, values["data-dir"] ?? env.TRIBUTARY_DATA_DIR ?? ".tributary");
    const root = workTreeRoot(resolve(cwd, path));
    if (!root) return false;
    const gitDir = join(root, ".git");
    const branch = values.branch ?? checkedOutBranch(gitDir);
    if (!branch) return false;
    const head = branchHead(gitDir, branch);
    return head !== undefined && readSyncedHead(dataDir, realpathSync(root), branch) === head;
  } catch {
    return false;
  }
}

/** The nearest folder from `dir` up that holds a .git directory (not a file: worktrees answer no). */
function workTreeRoot(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const git = statSync(join(at, ".git"), { throwIfNoEntry: false });
    if (git) return git.isDirectory() ? at : undefined;
    if (dirname(at) === at) return undefined;
  }
}

function checkedOutBranch(gitDir: string): string | undefined {
  const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
  return /^ref: refs\/heads\/(.+)$/.exec(head)?.[1];
}

/** The commit refs/heads/<branch> names: its loose file, else its packed-refs line. */
function branchHead(gitDir: string, branch: string): string | undefined {
  const ref = `refs/heads/${branch}`;
  const loose = readIfExists(join(gitDir, ref));
  if (loose !== undefined) return /^[0-9a-f]{40,64}$/.exec(loose.trim())?.[0];
  for (const line of (readIfExists(join(gitDir, "packed-refs")) ?? "").split("\n")) {
    const [sha, name] = line.trim().split(" ");
    if (name === ref && sha && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
  }
  return undefined;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
