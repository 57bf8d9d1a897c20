import { collectCorpus } from "@repo/testing/corpus";
import { describe, expect, it } from "vitest";
import { IDENTIFIER, indexTokens } from "./terms";

// The identifiers indexTokens finds are the matches of the module's own expression.
const byRegex = (text: string) => (text.match(IDENTIFIER) ?? []).flatMap((identifier) => indexTokens(identifier));

describe("indexTokens", () => {
  it("finds the identifiers the expression matches: names with $, numbers without, non-ASCII between them", () => {
    const text = "a$b 1$2 9abc_ 0x1F _$ $ é日本abc déf 12e5x __proto__ x\u0000y \ud83d\ude00z9 maxRedirects max_redirects";
    expect(indexTokens(text)).toEqual(byRegex(text));
    expect(indexTokens("1$2")).toEqual(["1", "2"]);
    expect(indexTokens("maxRedirects")).toEqual(["maxredirects", "max", "redirects"]);
  });

  it("equals the expression's tokens on real sources", async () => {
    const files = await collectCorpus({ minFiles: 300 });
    const differ = files.filter((f) => indexTokens(f.text).join(" ") !== byRegex(f.text).join(" ")).map((f) => f.path);
    expect(differ).toEqual([]);
  }, 60_000);
});
