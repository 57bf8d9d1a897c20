import { DEFAULT_MAX_FILE_BYTES, type Skip } from "@repo/console-content";
import type { FetchedFile, ReadFilesOptions, SourceAdapter, Snapshot, TreeEntry } from "@repo/console-types";
import { fetchedFile, skipBeforeFetch, skippedFile } from "../content/fetched-file";
import { SourceError } from "../errors";
import { CatFileBatch } from "./cat-file-batch";
import { parseLsTree } from "./ls-tree";
import { gitOutput, runGit } from "./run-git";

/**
 * Above this many changed paths a sync lists the whole tree instead (one `ls-tree` of every file
 * costs about what listing this many paths does, and the paths travel on a command line).
 */
export const MAX_CHANGED_PATHS = 1000;

/** Files, and bytes by the tree's sizes, that readFiles asks git for ahead of the one it hands out. */
const READ_AHEAD_FILES = 64;
const READ_AHEAD_BYTES = 4 * 1024 * 1024;

interface AheadRead {
  entry: TreeEntry;
  skip: Skip | null;
  content?: Promise<Buffer | null>;
}

export interface LocalGitSourceOptions {
  /** A working tree or bare repository (or any directory inside one). */
  path: string;
  /** Followed when `resolveCommit` gets no ref; default `HEAD`. */
  branch?: string;
}

export interface LocalGitSource extends SourceAdapter {
  readonly kind: "local";
}

/**
 * Reads commits straight from the git object database with the git CLI: what is indexed is the
 * committed tree, never uncommitted edits in the checkout, exactly as on GitHub.
 */
export function createLocalGitSource(options: LocalGitSourceOptions): LocalGitSource {
  const repo = options.path;
  let checked: Promise<void> | undefined;
  const ensureRepository = () => (checked ??= assertGitRepository(repo));

  return {
    kind: "local",

    async resolveCommit(ref = options.branch ?? "HEAD") {
      await ensureRepository();
      const result = await runGit(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
      if (result.code !== 0) throw new SourceError("unknown-ref", `no branch, tag or commit named "${ref}" in ${repo}`);
      return result.stdout.toString("utf8").trim();
    },

    async snapshot(commit): Promise<Snapshot> {
      assertCommitSha(commit);
      await ensureRepository();
      const output = await gitOutput(repo, ["ls-tree", "-r", "-l", "-z", "--full-tree", commit]);
      return { commit, entries: parseLsTree(output) };
    },

    async *readFiles(_commit, entries: readonly TreeEntry[], readOptions?: ReadFilesOptions): AsyncGenerator<FetchedFile> {
      await ensureRepository();
      const maxFileBytes = readOptions?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
      const batch = new CatFileBatch(repo);
      // Up to READ_AHEAD_FILES / READ_AHEAD_BYTES asked for ahead of the file being handed out:
      // asked one at a time, each file waited for its own round trip through git (~1 ms on a
      // 2-core machine, most of a 3,000-file read), with both processes idle in between.
      const ahead: AheadRead[] = [];
      let next = 0;
      let bytesAhead = 0;
      const askAhead = () => {
        const asked: AheadRead[] = [];
        while (next < entries.length && ahead.length + asked.length < READ_AHEAD_FILES && bytesAhead < READ_AHEAD_BYTES) {
          const entry = entries[next++]!;
          const skip = skipBeforeFetch(entry, maxFileBytes);
          if (!skip) bytesAhead += entry.size ?? 0;
          asked.push({ entry, skip });
        }
        const wanted = asked.filter((a) => !a.skip);
        const answers = batch.readAll(wanted.map((a) => a.entry.sha));
        for (const [i, read] of wanted.entries()) {
          read.content = answers[i]!;
          // Awaited below in order; one left unawaited (the reader stopped early) must not be an unhandled rejection.
          read.content.catch(() => {});
        }
        ahead.push(...asked);
      };
      try {
        for (askAhead(); ahead.length > 0; ) {
          const { entry, skip, content: answer } = ahead.shift()!;
          if (skip) {
            yield skippedFile(entry, skip);
          } else {
            const content = await answer!;
            bytesAhead -= entry.size ?? 0;
            if (content === null) throw new SourceError("git-failed", `blob ${entry.sha} (${entry.path}) is missing from ${repo}`);
            yield fetchedFile(entry, content, maxFileBytes);
          }
          // Asked for again in groups (one write to git each), once half the window (by files and
          // by bytes) has been handed out: not a file at a time.
          if (ahead.length <= READ_AHEAD_FILES / 2 && bytesAhead < READ_AHEAD_BYTES / 2) askAhead();
        }
      } finally {
        batch.close();
      }
    },

    async changedPaths(base, head) {
      assertCommitSha(base);
      assertCommitSha(head);
      await ensureRepository();
      // A comparison of two trees, exact whether or not base is an ancestor of head. A base that
      // is gone (gc after a force-push) fails it: no exact diff.
      const result = await runGit(repo, ["diff-tree", "-r", "-z", "--no-renames", "--name-only", "--no-commit-id", base, head]);
      if (result.code !== 0) return null;
      const paths = result.stdout
        .toString("utf8")
        .split("\0")
        .filter((p) => p.length > 0);
      return paths.length > MAX_CHANGED_PATHS ? null : paths;
    },

    async entriesAt(commit, paths) {
      assertCommitSha(commit);
      await ensureRepository();
      if (paths.length === 0) return [];
      const wanted = new Set(paths);
      // Literal pathspecs: a path with `*` or `:` names only itself. A path that is a directory at
      // this commit lists its files, which are not the file asked for.
      const output = await gitOutput(repo, ["--literal-pathspecs", "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", ...paths]);
      return parseLsTree(output).filter((entry) => wanted.has(entry.path));
    },

    async readFile(commit, path) {
      assertCommitSha(commit);
      await ensureRepository();
      const listing = await gitOutput(repo, ["ls-tree", "-l", "-z", "--full-tree", commit, "--", path]);
      const entry = parseLsTree(listing).find((e) => e.path === path && e.type === "blob");
      if (!entry) return null;
      return gitOutput(repo, ["cat-file", "blob", entry.sha]);
    },
  };
}

async function assertGitRepository(repo: string): Promise<void> {
  const result = await runGit(repo, ["rev-parse", "--git-dir"]);
  if (result.code !== 0) throw new SourceError("not-a-git-repository", `${repo} is not a git repository (${result.stderr || `git exit ${result.code}`})`);
}

/** Commits come from resolveCommit; anything else (a flag, a ref name) is a caller bug. */
function assertCommitSha(commit: string): void {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) throw new SourceError("unknown-ref", `expected a full commit sha, got "${commit}"`);
}
