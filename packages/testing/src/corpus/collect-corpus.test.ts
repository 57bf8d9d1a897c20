import { describe, expect, it } from "vitest";
import { collectCorpus } from "./collect-corpus";
import { findLargeFiles } from "./large-files";

describe("collectCorpus", () => {
  it("returns exactly the files asked for, mixed and deterministic", async () => {
    const first = await collectCorpus({ minFiles: 300 });
    const second = await collectCorpus({ minFiles: 300 });
    expect(first).toHaveLength(300);
    expect(second.map((file) => file.path)).toEqual(first.map((file) => file.path));
    const extensions = new Set(first.map((file) => file.path.slice(file.path.lastIndexOf(".") + 1)));
    expect(extensions.size).toBeGreaterThanOrEqual(4);
    expect(new Set(first.map((file) => file.path)).size).toBe(300);
    for (const file of first) {
      expect(file.text.length).toBeGreaterThan(0);
      expect(file.path).not.toMatch(/node_modules\/.*node_modules\/.*node_modules/);
    }
  });

  it("honours extensions and the size cap", async () => {
    const files = await collectCorpus({ minFiles: 50, extensions: ["md"], maxFileBytes: 4096 });
    expect(files.every((file) => file.path.endsWith(".md") && file.bytes <= 4096)).toBe(true);
  });

  it("fails loudly instead of returning fewer files", async () => {
    await expect(collectCorpus({ minFiles: 5, extensions: ["no-such-extension"] })).rejects.toThrow(/only 0 usable files/);
  });

  it("finds large real files by line count", async () => {
    const [file] = await findLargeFiles({ suffix: ".ts", excludeSuffixes: [".d.ts"], minLines: 1000, count: 1 });
    expect(file?.text.split("\n").length).toBeGreaterThanOrEqual(1000);
    await expect(findLargeFiles({ suffix: ".ts", minLines: 10_000_000, count: 1 })).rejects.toThrow(/only 0/);
  });
});
