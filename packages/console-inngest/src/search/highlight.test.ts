import { describe, expect, it } from "vitest";
import { snippetOf } from "./highlight";

describe("snippetOf", () => {
  it("opens on the matching lines and marks identifiers and their parts", () => {
    const text = [
      "// header",
      ...Array.from({ length: 20 }, (_, i) => `const filler${i} = ${i};`),
      "export function maxRedirects(limit) {",
      "  return limit;",
      "}",
    ].join("\n");
    const snippet = snippetOf(text, 10, ["maxRedirects"], []);
    expect(snippet.startLine).toBe(10 + text.split("\n").length - 6);
    const marked = snippet.highlights.map(([s, e]) => snippet.text.slice(s, e));
    expect(marked).toEqual(["maxRedirects"]);
  });

  it("marks quoted phrases case-insensitively", () => {
    const snippet = snippetOf("Retry With Backoff here", 1, [], ["retry with"]);
    expect(snippet.highlights).toEqual([[0, 10]]);
  });
});
