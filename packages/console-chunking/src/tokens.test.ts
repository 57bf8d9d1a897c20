import { describe, expect, it } from "vitest";
import { referenceTokens } from "./test-support/invariants";
import { buildSourceLines } from "./segments";
import { countTokens, countTokensCached, tokenPieces } from "./tokens";

describe("countTokens", () => {
  it("counts special-token text as ordinary text instead of throwing", () => {
    const text = "before <|endoftext|> and <|fim_prefix|> after";
    expect(countTokens(text)).toBe(referenceTokens(text));
    expect(countTokens("<|endoftext|>")).toBeGreaterThan(1);
  });

  it("is zero only for the empty string", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens(" ")).toBe(1);
  });
});

describe("countTokensCached and tokenPieces", () => {
  const samples = [
    'const marker = "<|endoftext|><|fim_middle|>";',
    "export async function fetchAll(ids: readonly string[]): Promise<Map<string, Item>> {",
    "  \t mixed   whitespace\t\t and  numbers 1234567 3.14159 ",
    "données, 数据, данные — émojis 🎉🎉 and \u00a0nbsp",
    "x".repeat(5000),
  ];
  it.each(samples)("match gpt-tokenizer exactly: %j", (text) => {
    expect(countTokensCached(text)).toBe(referenceTokens(text));
    expect(countTokensCached(text)).toBe(referenceTokens(text)); // second call is served from the caches
    const pieces = [...tokenPieces(text)];
    expect(pieces.map((piece) => piece.text).join("")).toBe(text);
    expect(pieces.reduce((sum, piece) => sum + piece.tokens, 0)).toBe(referenceTokens(text));
  });
});

describe("segment counts", () => {
  // Blank runs, trailing spaces, punctuation before newlines, indentation and CJK are the
  // places where cl100k pieces could straddle lines; sums must still match the real count.
  const tricky = [
    "const a = 1;\n\n\n   \nfunction f() {\n    return a;  \n}\n",
    "x\n\n\n\n  y\n\t\n;\n\n}\n",
    "# 标题\n\n这是一个段落。\n\n  - item 🎉\n",
    "a;\n   \n\n\tb\n",
    "no newline at end",
  ];
  it.each(tricky)("sum to the exact count of any span of whole segments: %j", (text) => {
    const source = buildSourceLines(text);
    const { segments, lines } = source;
    for (let first = 0; first < segments.length; first++) {
      for (let last = first; last < segments.length; last++) {
        const firstLine = segments[first]?.line ?? 0;
        const lastLine = segments[last]?.line ?? 0;
        const span = lines.slice(firstLine, lastLine + 1).join("\n");
        let sum = countTokens(lines[lastLine] ?? "");
        for (let i = first; i < last; i++) sum += segments[i]?.tokens ?? 0;
        expect(sum).toBe(referenceTokens(span));
      }
    }
  });
});
