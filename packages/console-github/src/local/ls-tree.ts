import type { TreeEntry } from "@repo/console-types";
import { SourceError } from "../errors";

/** Parses `git ls-tree -r -l -z`: `<mode> <type> <sha> <size>\t<path>\0`, size `-` for submodules. */
export function parseLsTree(output: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.toString("utf8").split("\0")) {
    if (record.length === 0) continue;
    const tab = record.indexOf("\t");
    const [mode, type, sha, size] = record.slice(0, tab).split(/ +/);
    const path = record.slice(tab + 1);
    if (tab < 0 || !mode || !type || !sha || size === undefined) throw new SourceError("git-failed", `unexpected git ls-tree line: ${record}`);
    // Only a non-recursive listing (readFile of a directory path) shows trees; they are not files.
    if (type === "tree") continue;
    entries.push({ path, sha, size: size === "-" ? 0 : Number(size), mode, type: kindOf(mode, type) });
  }
  return entries;
}

function kindOf(mode: string, type: string): TreeEntry["type"] {
  if (mode === "160000" || type === "commit") return "submodule";
  if (mode === "120000") return "symlink";
  return "blob";
}
