import { describe, expect, it } from "vitest";
import { packBatches } from "./batches";

const file = (path: string, size: number) => ({ path, sha: path, size });

describe("packBatches", () => {
  it("packs by file count and bytes, keeping every file exactly once in path order", () => {
    const files = Array.from({ length: 1003 }, (_, i) => file(`f${String(i).padStart(4, "0")}`, 100));
    const batches = packBatches(files, { maxFiles: 250, maxBytes: 1_000_000 });
    expect(batches.map((b) => b.length)).toEqual([250, 250, 250, 250, 3]);
    expect(batches.flat().map((f) => f.path)).toEqual(files.map((f) => f.path));
  });

  it("closes a batch before it would exceed maxBytes and isolates an oversize file", () => {
    const batches = packBatches([file("a", 60), file("b", 60), file("c", 500), file("d", 10)], { maxFiles: 10, maxBytes: 100 });
    expect(batches.map((b) => b.map((f) => f.path))).toEqual([["a"], ["b"], ["c"], ["d"]]);
  });

  it("returns no batch for no files", () => {
    expect(packBatches([])).toEqual([]);
  });
});
