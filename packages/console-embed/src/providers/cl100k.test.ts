import { describe, expect, it } from "vitest";
import { countCl100k, truncateToTokens } from "./cl100k";

describe("truncateToTokens", () => {
  it("leaves a text within the limit untouched", () => {
    expect(truncateToTokens("hello world", 10)).toEqual({ text: "hello world", tokens: 2 });
  });

  it("cuts to a prefix of at most the limit, never leaving a broken character", () => {
    for (const text of ["日本語のテキスト".repeat(50), "emoji 🎉🚀🧪 ".repeat(60), "word ".repeat(400)]) {
      const cut = truncateToTokens(text, 37);
      expect(text.startsWith(cut.text)).toBe(true);
      expect(cut.text).not.toContain("\uFFFD");
      expect(cut.tokens).toBe(countCl100k(cut.text));
      expect(cut.tokens).toBeLessThanOrEqual(37);
      expect(cut.tokens).toBeGreaterThan(30);
    }
  });

  it("treats <|endoftext|> in a file as text", () => {
    expect(countCl100k("a <|endoftext|> b")).toBeGreaterThan(3);
    expect(truncateToTokens("x <|endoftext|> ".repeat(20), 10).tokens).toBeLessThanOrEqual(10);
  });
});
