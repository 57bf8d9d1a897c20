import { git } from "./git";

export type ChangeStatus = "added" | "removed" | "modified" | "renamed" | "changed";

export interface GitChange {
  status: ChangeStatus;
  path: string;
  previousPath?: string;
  /** Blob after the change; for removals the blob that was removed (GitHub does the same). */
  sha: string;
  additions: number;
  deletions: number;
}

const STATUS: Record<string, ChangeStatus> = { A: "added", D: "removed", M: "modified", R: "renamed", T: "changed" };

/** Changes from `base` to `head` with rename detection (`-M`), like GitHub's compare files. */
export async function diffCommits(dir: string, base: string, head: string): Promise<GitChange[]> {
  const [raw, numstat] = await Promise.all([
    git(dir, ["diff", "--raw", "-z", "-M", "--no-abbrev", base, head]),
    git(dir, ["diff", "--numstat", "-z", "-M", base, head]),
  ]);
  const counts = parseNumstat(numstat);
  const changes: GitChange[] = [];
  const fields = raw.split("\0");
  for (let i = 0; i < fields.length - 1; ) {
    const [, , oldSha = "", newSha = "", code = ""] = (fields[i++] ?? "").slice(1).split(" ");
    const kind = code.charAt(0);
    const previousPath = kind === "R" ? fields[i++] : undefined;
    const path = fields[i++] ?? "";
    const count = counts.get(path) ?? { additions: 0, deletions: 0 };
    changes.push({
      status: STATUS[kind] ?? "changed",
      path,
      ...(previousPath === undefined ? {} : { previousPath }),
      sha: kind === "D" ? oldSha : newSha,
      ...count,
    });
  }
  return changes;
}

/** Binary files count as 0/0, as GitHub reports them. */
function parseNumstat(out: string): Map<string, { additions: number; deletions: number }> {
  const counts = new Map<string, { additions: number; deletions: number }>();
  const fields = out.split("\0");
  for (let i = 0; i < fields.length - 1; ) {
    const [adds = "0", dels = "0", inlinePath = ""] = (fields[i++] ?? "").split("\t");
    // A rename leaves the path empty and puts old and new paths in the next two fields.
    const path = inlinePath === "" ? (i++, fields[i++] ?? "") : inlinePath;
    counts.set(path, { additions: Number(adds) || 0, deletions: Number(dels) || 0 });
  }
  return counts;
}
