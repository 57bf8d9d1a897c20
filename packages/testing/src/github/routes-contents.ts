import type { FakeRequest } from "../http";
import { json, type GitHubRouteContext } from "./context";
import { notFound } from "./errors";
import type { GitTreeEntry } from "./git-reader";
import type { HostedRepo } from "./hosted-repo";
import { rawResponse, wantsRaw } from "./media";
import { base64Lines, type Shapes } from "./shapes";

/** Above this the contents API leaves `content` empty unless the raw media type is asked for. */
const CONTENTS_JSON_LIMIT = 1024 * 1024;

/** GET /repos/{o}/{r}/contents/{path}?ref=: a file, a directory listing, a symlink or a submodule. */
export function registerContentsRoutes(ctx: GitHubRouteContext): void {
  const handler = async (req: FakeRequest) => {
    const repo = ctx.repo(req);
    const ref = req.query.get("ref") || (await repo.defaultBranch());
    const sha = await repo.commitSha(ref);
    const path = (req.params.path ?? "").replace(/^\/+|\/+$/g, "");
    const shapes = ctx.shapes(repo);
    if (path === "") return json(await listDirectory(repo, shapes, sha, "", ref));
    const [entry] = await repo.reader.lsTree(sha, false, path);
    if (!entry || entry.path !== path) throw notFound();
    if (entry.type === "tree") return json(await listDirectory(repo, shapes, entry.sha, `${path}/`, ref));
    if (entry.type === "commit") return json({ ...describe(shapes, entry, ref), type: "submodule", submodule_git_url: null });
    const bytes = await repo.reader.blob(entry.sha);
    if (!bytes) throw notFound();
    if (entry.mode === "120000") return json({ ...describe(shapes, entry, ref), type: "symlink", target: bytes.toString("utf8") });
    if (wantsRaw(req)) return rawResponse(req, bytes);
    const tooLarge = bytes.length > CONTENTS_JSON_LIMIT;
    return json({
      ...describe(shapes, entry, ref),
      type: "file",
      content: tooLarge ? "" : base64Lines(bytes),
      encoding: tooLarge ? "none" : "base64",
    });
  };
  ctx.api("GET", "/repos/:owner/:repo/contents", "token", handler);
  ctx.api("GET", "/repos/:owner/:repo/contents/:path*", "token", handler);
}

async function listDirectory(repo: HostedRepo, shapes: Shapes, treeish: string, prefix: string, ref: string) {
  const entries = await repo.reader.lsTree(treeish, false);
  return entries.map((e) => {
    const entry = { ...e, path: `${prefix}${e.path}` };
    const type = e.type === "tree" ? "dir" : e.type === "commit" ? "submodule" : e.mode === "120000" ? "symlink" : "file";
    return { ...describe(shapes, entry, ref), type };
  });
}

function describe(shapes: Shapes, entry: GitTreeEntry, ref: string) {
  const name = entry.path.split("/").pop() ?? entry.path;
  const url = `${shapes.api}/contents/${entry.path}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = entry.type === "commit" ? null : `${shapes.api}/git/${entry.type}s/${entry.sha}`;
  const htmlUrl = `${shapes.html}/${entry.type === "tree" ? "tree" : "blob"}/${ref}/${entry.path}`;
  return {
    name,
    path: entry.path,
    sha: entry.sha,
    size: entry.size ?? 0,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url: entry.type === "blob" ? `${shapes.html}/raw/${ref}/${entry.path}` : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}
