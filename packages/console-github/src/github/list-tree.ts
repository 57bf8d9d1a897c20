import type { TreeEntry } from "@repo/console-types";
import { z } from "zod";
import { SourceError } from "../errors";
import { call, type RepoRef } from "./repo-ref";

const TreeItem = z.object({
  path: z.string(),
  mode: z.string(),
  type: z.enum(["blob", "tree", "commit"]),
  sha: z.string(),
  size: z.number().int().nonnegative().optional(),
});
const TreeResponse = z.object({ sha: z.string(), truncated: z.boolean().optional().default(false), tree: z.array(TreeItem) });
type TreeItem = z.infer<typeof TreeItem>;

/**
 * Every entry of a commit's tree. One recursive request in the common case; when GitHub
 * truncates it (over 100,000 entries or 7 MB), the tree is walked instead: each subtree is asked
 * for recursively and split further only where that answer is truncated too. A partial
 * listing is never returned, because indexing part of a repo would silently delete the rest.
 */
export async function listTree(ref: RepoRef, commit: string): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  await collect(ref, commit, "", true, entries);
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function collect(ref: RepoRef, treeSha: string, prefix: string, recursive: boolean, into: TreeEntry[]): Promise<void> {
  const tree = await fetchTree(ref, treeSha, recursive);
  if (recursive && tree.truncated) {
    await collect(ref, treeSha, prefix, false, into);
    return;
  }
  if (!recursive && tree.truncated)
    throw new SourceError("incomplete-tree", `GitHub truncated even the single-level listing of ${prefix || "the root"} in ${ref.owner}/${ref.repo}`);
  for (const item of tree.tree) {
    if (item.type === "tree") {
      if (!recursive) await collect(ref, item.sha, `${prefix}${item.path}/`, true, into);
      continue;
    }
    into.push(toEntry(item, prefix));
  }
}

async function fetchTree(ref: RepoRef, treeSha: string, recursive: boolean) {
  const response = await call(ref, `listing tree ${treeSha}`, () =>
    ref.client.octokit.rest.git.getTree({ owner: ref.owner, repo: ref.repo, tree_sha: treeSha, ...(recursive ? { recursive: "1" } : {}) }),
  );
  const parsed = TreeResponse.safeParse(response.data);
  if (!parsed.success) throw new SourceError("invalid-response", `GitHub returned a malformed tree for ${treeSha}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function toEntry(item: TreeItem, prefix: string): TreeEntry {
  const path = `${prefix}${item.path}`;
  if (item.type === "commit" || item.mode === "160000") return { path, sha: item.sha, size: 0, mode: item.mode, type: "submodule" };
  return { path, sha: item.sha, size: item.size ?? 0, mode: item.mode, type: item.mode === "120000" ? "symlink" : "blob" };
}
