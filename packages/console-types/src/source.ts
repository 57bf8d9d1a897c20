import { z } from "zod";

export const SkipReasonSchema = z.enum([
  "binary",
  "too-large",
  "symlink",
  "submodule",
  "lfs-pointer",
  "unsafe-path",
  "excluded",
  "secret",
  "vendored",
  "generated",
  "lockfile",
  "empty",
  "invalid-utf8",
  /** An item source could not give the item's text (gone since listing, no readable content): the detail says why. */
  "unavailable",
]);
export type SkipReason = z.infer<typeof SkipReasonSchema>;

export interface TreeEntry {
  path: string;
  /** Git blob sha (content address). */
  sha: string;
  size: number;
  /** Git file mode, e.g. "100644", "100755", "120000" (symlink), "160000" (submodule). */
  mode: string;
  type: "blob" | "symlink" | "submodule";
}

export interface Snapshot {
  commit: string;
  entries: TreeEntry[];
}

export type FetchedFile =
  | { path: string; sha: string; status: "ok"; content: Buffer }
  | { path: string; sha: string; status: "skipped"; reason: SkipReason; detail?: string };

/** The manifest as the diff sees it: path → blob sha. */
export type Manifest = ReadonlyMap<string, string>;

export interface TreeDiff {
  added: TreeEntry[];
  modified: Array<{ entry: TreeEntry; previousSha: string }>;
  /** Same blob at a new path; `from` disappears. */
  renamed: Array<{ from: string; entry: TreeEntry }>;
  deleted: string[];
  unchanged: TreeEntry[];
}

export interface ReadFilesOptions {
  /** Force one transport; by default the adapter picks (GitHub: blobs for few files, the tarball for many). */
  via?: "tarball" | "blobs";
  /** Files larger than this are skipped as `too-large` without being downloaded. Default 1 MiB. */
  maxFileBytes?: number;
}

/** GitHub or a local git repository, behind one interface. */
export interface SourceAdapter {
  readonly kind: "github" | "local";
  resolveCommit(ref?: string): Promise<string>;
  snapshot(commit: string): Promise<Snapshot>;
  readFiles(commit: string, entries: readonly TreeEntry[], options?: ReadFilesOptions): AsyncIterable<FetchedFile>;
  readFile(commit: string, path: string): Promise<Buffer | null>;
  /**
   * The paths whose entries differ between two commits' trees (added, modified, deleted, type
   * changes; a rename is its two paths), or null when the adapter cannot list them exactly (a
   * commit it does not have, too many changes). Optional: without it every sync lists the whole tree.
   */
  changedPaths?(base: string, head: string): Promise<string[] | null>;
  /** The tree entries of `paths` at `commit` (paths absent there are left out). Provided with changedPaths. */
  entriesAt?(commit: string, paths: readonly string[]): Promise<TreeEntry[]>;
}
