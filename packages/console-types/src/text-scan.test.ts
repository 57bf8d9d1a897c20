import { describe, expect, it } from "vitest";
import { matchesInWindows, runStart } from "./text-scan";

describe("scanning a text through start windows", () => {
  const words = (text: string) => (from: number) => {
    const at = text.indexOf("ab", from);
    return at === -1 ? undefined : ([runStart(text, at, Math.max(from, at - 3), (c) => c === 120), at] as const);
  };

  it("finds what the global pattern finds, from each match's end, trying only the windows", () => {
    const text = "xxxab ab xab xxxxab abab";
    const pattern = /x{0,3}ab/g;
    const found = [...matchesInWindows(text, /x{0,3}ab/y, words(text))].map((m) => [m.index, m[0]]);
    expect(found).toEqual([...text.matchAll(pattern)].map((m) => [m.index, m[0]]));
    // The window reaches back 3 characters at most: the fourth x before `ab` is not part of the match.
    expect(found).toContainEqual([14, "xxxab"]);
  });

  it("refuses a pattern that is not sticky (a global one would search past the window)", () => {
    expect(() => [...matchesInWindows("ab", /ab/g, () => [0, 0])]).toThrow(/sticky/);
  });
});
