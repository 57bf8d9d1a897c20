import { realpath, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { SourceError } from "../errors";
import { classifyGitHubError } from "../github/classify-error";
import type { GitHubClient } from "../github/client";
import { parseRepositoryFullName } from "../github/repository-name";
import { runGit } from "../local/run-git";

/** What a user asked to connect: a local path (relative to `cwd`) or a GitHub `owner/name`. */
export type ConnectTarget =
  | { kind: "local"; path: string; cwd?: string; branch?: string }
  | { kind: "github"; fullName: string; client: GitHubClient; branch?: string; installationId?: number | null };

/** A source's identity and place, as both apps store it. */
export interface ResolvedTarget {
  provider: "local" | "github";
  /** The repository's real top-level path, or GitHub's numeric repository id. */
  externalId: string;
  fullName: string;
  owner: string | null;
  name: string;
  location: string;
  branch: string;
  installationId: number | null;
}

/**
 * The one connect-target resolver of the CLI and the console. A local repository is identified by
 * its real top-level path, so `.`, `./src`, a symlink to it and its realpath are one source; a
 * GitHub repository by its numeric id, so a rename keeps its index. The branch is the one asked
 * for, or the one checked out (local) / the default branch (GitHub), and must exist. Failures
 * are SourceErrors whose code says what went wrong; nothing is stored or changed here.
 */
export function resolveConnectTarget(target: ConnectTarget): Promise<ResolvedTarget> {
  if (target.kind === "github") return resolveGitHub(target);
  return resolveLocalTarget(target.path, target.cwd ?? process.cwd(), target.branch).then(({ head: _head, ...resolved }) => resolved);
}

/** A local target as resolveConnectTarget resolves it, with the commit its branch pointed at then (`head`). */
export async function resolveLocalTarget(path: string, cwd: string, branchAsked: string | undefined): Promise<ResolvedTarget & { head: string }> {
  const dir = resolve(cwd, path);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new SourceError("no-such-directory", `${dir} is not a git repository (no such directory)`);
  const root = await repositoryRoot(dir);
  if (!root)
    throw new SourceError("not-a-git-repository", `${dir} is not a git repository (or any of its parents); run git init and commit, or pass another path`);
  const branch = branchAsked || (await gitQuery(root, ["symbolic-ref", "--quiet", "--short", "HEAD"]));
  if (!branch) throw new SourceError("detached-head", `${root} has a detached HEAD`);
  const commit = await gitQuery(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${branch}^{commit}`]);
  if (!commit) {
    const hint = branchAsked ? "" : " (the repository has no commits yet?)";
    throw new SourceError("unknown-ref", `unknown branch "${branch}" in ${root}${hint}`);
  }
  const name = basename(root).replace(/\.git$/, "");
  return { provider: "local", externalId: root, fullName: name, owner: null, name, location: root, branch, installationId: null, head: commit };
}

/** The working tree's top level, or a bare repository's git dir, as a real path; null outside any repository. */
async function repositoryRoot(dir: string): Promise<string | null> {
  const top = await gitQuery(dir, ["rev-parse", "--show-toplevel"]);
  if (top) return realpath(top);
  if ((await gitQuery(dir, ["rev-parse", "--is-bare-repository"])) === "true") {
    const gitDir = await gitQuery(dir, ["rev-parse", "--absolute-git-dir"]);
    return gitDir ? realpath(gitDir) : null;
  }
  return null;
}

/** git's trimmed stdout, or null when git says no (exit code ≠ 0). */
async function gitQuery(dir: string, args: string[]): Promise<string | null> {
  const result = await runGit(dir, args);
  return result.code === 0 ? result.stdout.toString("utf8").trim() : null;
}

/** One `GET /repos/{owner}/{repo}`: it also proves the credentials and the network before anything is stored. */
async function resolveGitHub(target: Extract<ConnectTarget, { kind: "github" }>): Promise<ResolvedTarget> {
  const parsed = parseRepositoryFullName(target.fullName);
  if (!parsed.ok) throw new SourceError("invalid-name", parsed.message);
  const { client } = target;
  const repo = await client.octokit.rest.repos.get({ owner: parsed.owner, repo: parsed.repo }).catch((error: unknown) => {
    throw classifyGitHubError(error, `reading ${target.fullName}`, client.baseUrl);
  });
  return {
    provider: "github",
    externalId: String(repo.data.id),
    fullName: repo.data.full_name,
    owner: repo.data.owner.login,
    name: repo.data.name,
    location: repo.data.html_url,
    branch: target.branch || repo.data.default_branch,
    installationId: target.installationId ?? null,
  };
}
