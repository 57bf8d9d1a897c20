import type { TreeEntry } from "@repo/console-types";
import { comparePaths } from "../diff/diff-tree";
import { classifyPath } from "./classify-path";
import type { TributaryConfig } from "./schema";

export interface ConfigChangeEffect {
  /** Indexed under the previous config, skipped under the new one: delete their documents. */
  newlyExcluded: string[];
  /** Skipped under the previous config, indexed under the new one: add them. */
  newlyIncluded: TreeEntry[];
}

/**
 * What a config change does to a tree's documents, with the blobs unchanged. Only path rules
 * are compared here; a new `maxFileBytes` is applied when contents are read.
 */
export function reevaluateConfigChange(entries: readonly TreeEntry[], previous: TributaryConfig, next: TributaryConfig): ConfigChangeEffect {
  const newlyExcluded: string[] = [];
  const newlyIncluded: TreeEntry[] = [];
  for (const entry of entries) {
    if (entry.type !== "blob") continue;
    const before = classifyPath(entry.path, previous) === null;
    const after = classifyPath(entry.path, next) === null;
    if (before && !after) newlyExcluded.push(entry.path);
    if (!before && after) newlyIncluded.push(entry);
  }
  newlyExcluded.sort(comparePaths);
  newlyIncluded.sort((a, b) => comparePaths(a.path, b.path));
  return { newlyExcluded, newlyIncluded };
}
