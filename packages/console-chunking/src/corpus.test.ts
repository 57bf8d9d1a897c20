import { collectCorpus, type CorpusFile } from "@repo/testing/corpus";
import { beforeAll, describe, expect, it } from "vitest";
import { chunkDocument } from "./index";
import { brokenInvariants } from "./test-support/invariants";

const FILES = 1500;
const MAX_TOKENS = 512;

describe(`chunking a real corpus (${FILES} files from node_modules)`, () => {
  let corpus: CorpusFile[] = [];
  beforeAll(async () => {
    corpus = await collectCorpus({ minFiles: FILES, maxFileBytes: 256 * 1024 });
  });

  it("mixes TypeScript, JavaScript and Markdown from many packages", () => {
    const extensions = new Set(corpus.map((file) => file.path.slice(file.path.lastIndexOf(".") + 1)));
    for (const extension of ["ts", "js", "md"]) expect(extensions).toContain(extension);
    const packages = new Set(corpus.map((file) => file.path.split("/node_modules/")[1]?.split("/").slice(0, 2).join("/")));
    expect(packages.size).toBeGreaterThan(50);
  });

  it("keeps every chunk within maxTokens with exact counts and exact line ranges", async () => {
    const started = performance.now();
    let chunks = 0;
    let bytes = 0;
    const failures: string[] = [];
    for (const file of corpus) {
      const result = await chunkDocument({ path: file.path, text: file.text }, { maxTokens: MAX_TOKENS });
      chunks += result.length;
      bytes += file.bytes;
      if (file.text.trim() !== "") expect(result.length, file.path).toBeGreaterThan(0);
      for (const problem of brokenInvariants(file.text, result, MAX_TOKENS)) failures.push(`${file.path}: ${problem}`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${corpus.length} files, ${(bytes / 1e6).toFixed(1)} MB → ${chunks} chunks, checked in ${seconds.toFixed(1)} s`);
  }, 120_000);

  it("keeps the same promises with small chunks and overlap, where nesting and windows kick in", async () => {
    const failures: string[] = [];
    for (const file of corpus.slice(0, 300)) {
      const result = await chunkDocument({ path: file.path, text: file.text }, { maxTokens: 96, overlapTokens: 24 });
      for (const problem of brokenInvariants(file.text, result, 96)) failures.push(`${file.path}: ${problem}`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
  }, 120_000);
});
