import { describe, expect, it } from "vitest";
import { parseQuery } from "./parse-query";

describe("parseQuery", () => {
  it("separates operators, phrases and words", () => {
    expect(parseQuery('retry the request path:src/http lang:ts source:widgets "max attempts"')).toEqual({
      text: "retry the request max attempts",
      words: ["retry", "request", "max", "attempts"],
      phrases: ["max attempts"],
      paths: ["src/http"],
      extensions: ["ts", "tsx", "mts", "cts"],
      sources: ["widgets"],
    });
  });

  it("keeps identifiers whole and splits member access", () => {
    expect(parseQuery("client.maxRedirects() max_body_size").words).toEqual(["client", "maxRedirects", "max_body_size"]);
  });

  it("treats an unknown language as an extension and a word containing 'path' as a word", () => {
    const parsed = parseQuery("lang:.vue xpath:foo");
    expect(parsed.extensions).toEqual(["vue"]);
    expect(parsed.paths).toEqual([]);
    expect(parsed.words).toEqual(["xpath", "foo"]);
  });
});
