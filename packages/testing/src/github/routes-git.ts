import { json, type GitHubRouteContext } from "./context";
import { GitHubApiError, notFound } from "./errors";
import { isObjectName } from "./git-reader";
import { rawResponse, wantsRaw } from "./media";
import { base64Lines, nodeId } from "./shapes";

export interface TreeLimits {
  /** When set, every recursive tree answer keeps only this many entries and says `truncated: true`. */
  forcedTruncation: number | undefined;
  /** GitHub's real cut-off (100,000 entries); larger recursive trees come back truncated. */
  maxEntries: number;
}

/** The Git database API: refs, commits, trees and blobs by sha. */
export function registerGitRoutes(ctx: GitHubRouteContext, limits: TreeLimits): void {
  const repoPath = "/repos/:owner/:repo/git";

  ctx.api("GET", `${repoPath}/ref/:ref*`, "token", async (req) => {
    const repo = ctx.repo(req);
    const full = `refs/${req.params.ref}`;
    const match = (await repo.reader.refs()).find((r) => r.ref === full);
    if (!match) throw notFound();
    return json(ctx.shapes(repo).ref(match.ref, match.sha, match.type));
  });

  ctx.api("GET", `${repoPath}/matching-refs/:ref*`, "token", async (req) => {
    const repo = ctx.repo(req);
    const refs = (await repo.reader.refs()).filter((r) => r.ref.startsWith(`refs/${req.params.ref}`));
    return json(refs.map((r) => ctx.shapes(repo).ref(r.ref, r.sha, r.type)));
  });

  ctx.api("GET", `${repoPath}/refs`, "token", async (req) => {
    const repo = ctx.repo(req);
    return json((await repo.reader.refs()).map((r) => ctx.shapes(repo).ref(r.ref, r.sha, r.type)));
  });

  // The older form: an exact ref gives one object, a prefix gives the matching list.
  ctx.api("GET", `${repoPath}/refs/:ref*`, "token", async (req) => {
    const repo = ctx.repo(req);
    const full = `refs/${req.params.ref}`;
    const refs = await repo.reader.refs();
    const exact = refs.find((r) => r.ref === full);
    if (exact) return json(ctx.shapes(repo).ref(exact.ref, exact.sha, exact.type));
    const prefixed = refs.filter((r) => r.ref.startsWith(`${full}/`));
    if (prefixed.length === 0) throw notFound();
    return json(prefixed.map((r) => ctx.shapes(repo).ref(r.ref, r.sha, r.type)));
  });

  ctx.api("GET", `${repoPath}/commits/:sha`, "token", async (req) => {
    const repo = ctx.repo(req);
    const sha = isObjectName(req.params.sha ?? "") ? await repo.reader.resolveCommit(req.params.sha ?? "") : undefined;
    const commit = sha ? await repo.reader.commit(sha) : undefined;
    if (!commit) throw notFound();
    return json(ctx.shapes(repo).gitCommit(commit));
  });

  ctx.api("GET", `${repoPath}/trees/:sha*`, "token", async (req) => {
    const repo = ctx.repo(req);
    const treeSha = await repo.reader.resolveTree(req.params.sha ?? "");
    if (!treeSha) throw notFound();
    // GitHub documents that `recursive` set to any value (even "0" or "false") means recursive.
    const recursive = req.query.has("recursive");
    const entries = await repo.reader.lsTree(treeSha, recursive);
    const cap = recursive ? (limits.forcedTruncation ?? limits.maxEntries) : limits.maxEntries;
    const truncated = (recursive && limits.forcedTruncation !== undefined) || entries.length > cap;
    const shapes = ctx.shapes(repo);
    return json({
      sha: treeSha,
      url: `${shapes.api}/git/trees/${treeSha}`,
      tree: entries.slice(0, cap).map((e) => shapes.treeEntry(e)),
      truncated,
    });
  });

  ctx.api("GET", `${repoPath}/blobs/:sha`, "token", async (req) => {
    const repo = ctx.repo(req);
    const sha = req.params.sha ?? "";
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new GitHubApiError(422, "The sha parameter must be exactly 40 characters and contain only [0-9a-f].");
    const bytes = await repo.reader.blob(sha);
    if (!bytes) throw notFound();
    if (wantsRaw(req)) return rawResponse(req, bytes);
    return json({
      sha,
      node_id: nodeId("B", sha),
      size: bytes.length,
      url: `${ctx.shapes(repo).api}/git/blobs/${sha}`,
      content: base64Lines(bytes),
      encoding: "base64",
    });
  });
}
