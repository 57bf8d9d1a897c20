import { collectCorpus } from "@repo/testing/corpus";
import { CL100K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";
import { describe, expect, it } from "vitest";
import { pieceTokens } from "./piece-tokens";
import { referenceTokens } from "./test-support/invariants";

const SPLIT = new RegExp(CL100K_TOKEN_SPLIT_REGEX.source, CL100K_TOKEN_SPLIT_REGEX.flags);

describe("pieceTokens", () => {
  it("counts every distinct piece of 3,000 real files as gpt-tokenizer does", async () => {
    const corpus = await collectCorpus({ minFiles: 3000 });
    const pieces = new Set<string>();
    for (const file of corpus) for (const [piece] of file.text.matchAll(SPLIT)) pieces.add(piece);
    expect(pieces.size).toBeGreaterThan(50_000);
    const wrong = [...pieces].filter((piece) => pieceTokens(piece) !== referenceTokens(piece));
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 180_000);

  it.each([
    "x".repeat(5000),
    " " + "ab".repeat(300),
    "supercalifragilisticexpialidocious",
    "_______________________",
    "<|endoftext|>",
    " ===>>>",
    "0x7fffffffffff",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    "\u0000\u0001\u007f",
    "é",
    " 数据",
  ])("counts %j as gpt-tokenizer does", (piece) => {
    expect(pieceTokens(piece)).toBe(referenceTokens(piece));
  });

  it("counts random ASCII words as gpt-tokenizer does", () => {
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let n = 0; n < 20_000; n++) {
      let piece = random() < 0.5 ? " " : "";
      const length = 1 + Math.floor(random() * 30);
      for (let i = 0; i < length; i++) piece += String.fromCharCode(97 + Math.floor(random() * 26));
      expect(pieceTokens(piece), piece).toBe(referenceTokens(piece));
    }
  });
});
