import { describe, expect, it } from "vitest";
import { indexableCorpus } from "./indexable-corpus";

describe("indexableCorpus", () => {
  it("returns exactly the files the predicate admits, without the node_modules segment", async () => {
    const files = await indexableCorpus(30, (path) => !path.endsWith(".md"));
    expect(files).toHaveLength(30);
    for (const file of files) {
      expect(file.path.endsWith(".md")).toBe(false);
      expect(file.path).not.toContain("/node_modules/");
    }
  });

  it("fails loudly when too few files qualify", async () => {
    await expect(indexableCorpus(5, () => false)).rejects.toThrow(/only 0 indexable files/);
  });
});
