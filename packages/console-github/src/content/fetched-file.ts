import { classifyPath, DEFAULT_CONFIG, inspectContent, inspectEntry, type Skip } from "@repo/console-content";
import type { FetchedFile, TreeEntry } from "@repo/console-types";

/**
 * Why an entry is not worth downloading, judged from the tree alone. Likely secrets are refused
 * here too, whatever the caller asked for: a secret must never reach a chunker or an embedder.
 */
export function skipBeforeFetch(entry: TreeEntry, maxFileBytes: number): Skip | null {
  const fromTree = inspectEntry(entry, maxFileBytes);
  if (fromTree) return fromTree;
  return classifyPath(entry.path, DEFAULT_CONFIG) === "secret" ? { reason: "secret" } : null;
}

export function skippedFile(entry: TreeEntry, skip: Skip): FetchedFile {
  return { path: entry.path, sha: entry.sha, status: "skipped", ...skip };
}

/** The outcome for fetched bytes: accepted text, or skipped with what the content revealed. */
export function fetchedFile(entry: TreeEntry, content: Buffer, maxFileBytes: number): FetchedFile {
  const skip = inspectContent(content, maxFileBytes);
  return skip ? skippedFile(entry, skip) : { path: entry.path, sha: entry.sha, status: "ok", content };
}
