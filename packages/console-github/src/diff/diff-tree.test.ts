import type { TreeEntry } from "@repo/console-types";
import { describe, expect, it } from "vitest";
import { diffTreeAgainstManifest, manifestFromEntries } from "./diff-tree";

function blob(path: string, sha: string): TreeEntry {
  return { path, sha, size: 1, mode: "100644", type: "blob" };
}

describe("diffTreeAgainstManifest", () => {
  it("sorts every change into exactly one bucket", () => {
    const manifest = new Map([
      ["same.ts", "s1"],
      ["changed.ts", "c1"],
      ["gone.ts", "g1"],
      ["old/name.ts", "r1"],
    ]);
    const diff = diffTreeAgainstManifest([blob("same.ts", "s1"), blob("changed.ts", "c2"), blob("new/name.ts", "r1"), blob("fresh.ts", "f1")], manifest);
    expect(diff.added.map((e) => e.path)).toEqual(["fresh.ts"]);
    expect(diff.modified).toEqual([{ entry: blob("changed.ts", "c2"), previousSha: "c1" }]);
    expect(diff.renamed).toEqual([{ from: "old/name.ts", entry: blob("new/name.ts", "r1") }]);
    expect(diff.deleted).toEqual(["gone.ts"]);
    expect(diff.unchanged.map((e) => e.path)).toEqual(["same.ts"]);
  });

  it("pairs several same-blob renames deterministically, whatever the listing order", () => {
    const manifest = new Map([
      ["b.txt", "x"],
      ["a.txt", "x"],
      ["c.txt", "x"],
    ]);
    const target = [blob("z.txt", "x"), blob("y.txt", "x")];
    const forward = diffTreeAgainstManifest(target, manifest);
    const backward = diffTreeAgainstManifest([...target].reverse(), new Map([...manifest].reverse()));
    expect(forward).toEqual(backward);
    expect(forward.renamed).toEqual([
      { from: "a.txt", entry: blob("y.txt", "x") },
      { from: "b.txt", entry: blob("z.txt", "x") },
    ]);
    expect(forward.deleted).toEqual(["c.txt"]);
  });

  it("treats a copy (blob still present at its old path) as an addition", () => {
    const diff = diffTreeAgainstManifest([blob("a.txt", "x"), blob("copy.txt", "x")], new Map([["a.txt", "x"]]));
    expect(diff.added.map((e) => e.path)).toEqual(["copy.txt"]);
    expect(diff.renamed).toEqual([]);
  });

  it("deletes a stored path that became a symlink or submodule", () => {
    const link: TreeEntry = { path: "a.txt", sha: "l", size: 5, mode: "120000", type: "symlink" };
    const diff = diffTreeAgainstManifest([link], new Map([["a.txt", "x"]]));
    expect(diff.deleted).toEqual(["a.txt"]);
    expect(diff.added).toEqual([]);
  });

  it("is empty against the manifest of the same tree", () => {
    const entries = [blob("a", "1"), blob("b", "2")];
    const diff = diffTreeAgainstManifest(entries, manifestFromEntries(entries));
    expect(diff.unchanged).toHaveLength(2);
    expect(diff.added.length + diff.modified.length + diff.renamed.length + diff.deleted.length).toBe(0);
  });
});
