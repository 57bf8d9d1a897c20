import { realpath, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { SourceSpec } from "@repo/console-inngest";
import { CliError, EXIT } from "../errors";
import { gitQuery } from "./git";

const DEFAULT_SYNC_INTERVAL_MINUTES = 60;

/**
 * A local repository as a source: its real top-level path is its identity (so `.`, `./src` and
 * a symlinked path are one source), the directory name its display name, the branch the one
 * asked for or the one checked out. Checked here so a bad path or branch fails before anything
 * is opened or changed.
 */
export async function localSourceSpec(path: string, cwd: string, branchFlag?: string): Promise<SourceSpec> {
  const dir = resolve(cwd, path);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new CliError(`${path}: no such directory`, EXIT.SOURCE);
  const root = await repositoryRoot(dir);
  if (!root) throw new CliError(`${dir} is not a git repository (or any of its parents); run git init and commit, or pass another path`, EXIT.SOURCE);
  const branch = branchFlag ?? (await gitQuery(root, ["symbolic-ref", "--quiet", "--short", "HEAD"]));
  if (!branch) throw new CliError(`${root} has a detached HEAD; pass --branch <name>`, EXIT.SOURCE);
  const commit = await gitQuery(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${branch}^{commit}`]);
  if (!commit) {
    const hint = branchFlag ? "" : " (the repository has no commits yet?)";
    throw new CliError(`unknown branch "${branch}" in ${root}${hint}; index what is committed, e.g. --branch main`, EXIT.SOURCE);
  }
  const name = basename(root).replace(/\.git$/, "");
  return {
    provider: "local",
    externalId: root,
    fullName: name,
    owner: null,
    name,
    location: root,
    branch,
    installationId: null,
    syncIntervalMinutes: DEFAULT_SYNC_INTERVAL_MINUTES,
  };
}

/** The working tree's top level, or a bare repository's git dir; null outside any repository. */
async function repositoryRoot(dir: string): Promise<string | null> {
  const top = await gitQuery(dir, ["rev-parse", "--show-toplevel"]);
  if (top) return realpath(top);
  if ((await gitQuery(dir, ["rev-parse", "--is-bare-repository"])) === "true") {
    const gitDir = await gitQuery(dir, ["rev-parse", "--absolute-git-dir"]);
    return gitDir ? realpath(gitDir) : null;
  }
  return null;
}
