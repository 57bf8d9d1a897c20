import { json, type GitHubRouteContext } from "./context";
import { GitHubApiError, notFound } from "./errors";
import { diffCommits } from "./git-diff";
import type { GitCommit } from "./git-reader";
import type { HostedRepo } from "./hosted-repo";
import { wantsSha } from "./media";

const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
/** GitHub lists at most 300 changed files for a commit or a comparison. */
const MAX_FILES = 300;

/** Repository, branches, commits and compare. */
export function registerRepoRoutes(ctx: GitHubRouteContext): void {
  ctx.api("GET", "/repos/:owner/:repo", "token", async (req) => {
    const repo = ctx.repo(req);
    return json(ctx.shapes(repo).repository(await repo.defaultBranch()));
  });

  ctx.api("GET", "/repos/:owner/:repo/branches", "token", async (req) => {
    const repo = ctx.repo(req);
    const shapes = ctx.shapes(repo);
    const heads = (await repo.reader.refs()).filter((r) => r.ref.startsWith("refs/heads/"));
    return json(
      heads.map((r) => ({ name: r.ref.slice("refs/heads/".length), commit: { sha: r.sha, url: `${shapes.api}/commits/${r.sha}` }, protected: false })),
    );
  });

  ctx.api("GET", "/repos/:owner/:repo/branches/:branch*", "token", async (req) => {
    const repo = ctx.repo(req);
    const name = req.params.branch ?? "";
    const sha = await repo.reader.resolveCommit(`refs/heads/${name}`);
    const commit = sha ? await repo.reader.commit(sha) : undefined;
    if (!commit) throw new GitHubApiError(404, "Branch not found");
    const shapes = ctx.shapes(repo);
    return json({
      name,
      commit: shapes.commit(commit),
      _links: { self: `${shapes.api}/branches/${name}`, html: `${shapes.html}/tree/${name}` },
      protected: false,
      protection: { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
      protection_url: `${shapes.api}/branches/${name}/protection`,
    });
  });

  ctx.api("GET", "/repos/:owner/:repo/commits/:ref*", "token", async (req) => {
    const repo = ctx.repo(req);
    const ref = req.params.ref ?? "";
    const sha = await repo.reader.resolveCommit(ref);
    if (!sha) throw new GitHubApiError(422, `No commit found for SHA: ${ref}`);
    if (wantsSha(req)) return { status: 200, headers: { "content-type": "application/vnd.github.sha; charset=utf-8" }, raw: Buffer.from(sha) };
    const commit = await loadCommit(repo, sha);
    const files = await diffCommits(repo.reader.dir, commit.parents[0] ?? EMPTY_TREE, sha);
    return json(ctx.shapes(repo).commit(commit, files.slice(0, MAX_FILES)));
  });

  ctx.api("GET", "/repos/:owner/:repo/compare/:basehead*", "token", async (req) => {
    const repo = ctx.repo(req);
    const [baseRef = "", headRef = ""] = splitBasehead(req.params.basehead ?? "");
    const [base, head] = await Promise.all([repo.reader.resolveCommit(baseRef), repo.reader.resolveCommit(headRef)]);
    if (!base || !head) throw notFound();
    const mergeBase = await repo.reader.mergeBase(base, head);
    if (!mergeBase) throw new GitHubApiError(404, `No common ancestor between ${baseRef} and ${headRef}.`);
    const [ahead, behind, files] = await Promise.all([
      repo.reader.commitsBetween(base, head),
      repo.reader.commitsBetween(head, base),
      diffCommits(repo.reader.dir, mergeBase, head),
    ]);
    // Pagination covers commits; the file list (≤ 300) only comes with the first page.
    const perPage = Math.min(Number(req.query.get("per_page")) || 250, 250);
    const page = Math.max(Number(req.query.get("page")) || 1, 1);
    const commits = await Promise.all(ahead.slice((page - 1) * perPage, page * perPage).map((sha) => loadCommit(repo, sha)));
    const shapes = ctx.shapes(repo);
    return json({
      url: `${shapes.api}/compare/${baseRef}...${headRef}`,
      html_url: `${shapes.html}/compare/${baseRef}...${headRef}`,
      base_commit: shapes.commit(await loadCommit(repo, base)),
      merge_base_commit: shapes.commit(await loadCommit(repo, mergeBase)),
      status: base === head ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged",
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: commits.map((c) => shapes.commit(c)),
      files: page === 1 ? shapes.fileList(files.slice(0, MAX_FILES)).files : [],
    });
  });
}

/** "base...head" (three dots, as octokit sends) or "base..head". */
function splitBasehead(basehead: string): [string, string] {
  const three = basehead.indexOf("...");
  if (three >= 0) return [basehead.slice(0, three), basehead.slice(three + 3)];
  const two = basehead.indexOf("..");
  if (two >= 0) return [basehead.slice(0, two), basehead.slice(two + 2)];
  throw notFound();
}

async function loadCommit(repo: HostedRepo, sha: string): Promise<GitCommit> {
  const commit = await repo.reader.commit(sha);
  if (!commit) throw notFound();
  return commit;
}
