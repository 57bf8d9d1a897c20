import type { Manifest, TreeDiff, TreeEntry } from "@repo/console-types";

/**
 * Compares the target tree with what is stored (path → blob sha). Only blobs are compared:
 * symlinks and submodules are never documents, so a stored path that became one is deleted.
 *
 * Renames pair a vanished path with a new path holding the same blob. When several candidates
 * share a blob, both sides are paired in sorted path order so the result never depends on the
 * order the tree or the manifest was listed in.
 */
export function diffTreeAgainstManifest(entries: readonly TreeEntry[], manifest: Manifest): TreeDiff {
  const blobs = entries.filter((entry) => entry.type === "blob");
  const targetPaths = new Set(blobs.map((entry) => entry.path));
  const fresh: TreeEntry[] = [];
  const modified: TreeDiff["modified"] = [];
  const unchanged: TreeEntry[] = [];

  for (const entry of blobs) {
    const previousSha = manifest.get(entry.path);
    if (previousSha === undefined) fresh.push(entry);
    else if (previousSha === entry.sha) unchanged.push(entry);
    else modified.push({ entry, previousSha });
  }

  const vanishedBySha = new Map<string, string[]>();
  for (const [path, sha] of manifest) {
    if (targetPaths.has(path)) continue;
    const paths = vanishedBySha.get(sha) ?? [];
    paths.push(path);
    vanishedBySha.set(sha, paths);
  }
  for (const paths of vanishedBySha.values()) paths.sort(comparePaths);

  const added: TreeEntry[] = [];
  const renamed: TreeDiff["renamed"] = [];
  for (const entry of [...fresh].sort((a, b) => comparePaths(a.path, b.path))) {
    const from = vanishedBySha.get(entry.sha)?.shift();
    if (from === undefined) added.push(entry);
    else renamed.push({ from, entry });
  }
  const deleted = [...vanishedBySha.values()].flat().sort(comparePaths);

  return {
    added,
    modified: modified.sort((a, b) => comparePaths(a.entry.path, b.entry.path)),
    renamed,
    deleted,
    unchanged: unchanged.sort((a, b) => comparePaths(a.path, b.path)),
  };
}

/** Byte order, not locale order, so every machine sorts paths the same way. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The manifest a fully indexed snapshot would leave behind. */
export function manifestFromEntries(entries: readonly TreeEntry[]): Map<string, string> {
  return new Map(entries.filter((entry) => entry.type === "blob").map((entry) => [entry.path, entry.sha]));
}

export function isEmptyDiff(diff: TreeDiff): boolean {
  return diff.added.length + diff.modified.length + diff.renamed.length + diff.deleted.length === 0;
}
