import { gitQuery } from "../source/git";

/**
 * How often `sync --watch` looks for new commits unless `--interval` says otherwise. Half of it is
 * the average wait before a commit is seen (bench:push measured 2.2 s to notice a commit at 2 s);
 * one `git rev-parse` costs a few milliseconds, so checking twice a second is cheap.
 */
export const DEFAULT_WATCH_INTERVAL_SECONDS = 0.5;

/**
 * Calls `onCommit` whenever the branch head of a local repository moves, checking every
 * `intervalMs`, until the process is interrupted (SIGINT closes the runtime and exits).
 * Polling `git rev-parse` is one cheap process a tick and sees commits, amends, resets and
 * fetches alike, which file watchers on .git do not reliably do across platforms.
 */
export async function watchBranch(repo: string, branch: string, intervalMs: number, indexed: string, onCommit: () => Promise<string>): Promise<void> {
  let last = indexed;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const head = await gitQuery(repo, ["rev-parse", "--verify", "--quiet", `${branch}^{commit}`]);
    if (head && head !== last) {
      // What the sync indexed, not what was seen: a commit landing mid-sync triggers another.
      last = await onCommit();
    }
  }
}
