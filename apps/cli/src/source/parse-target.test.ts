import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "../errors";
import { parseTarget } from "./parse-target";

describe("parseTarget", () => {
  it("reads GitHub targets in both spellings and anything else as a local path", () => {
    expect(parseTarget("github:acme/widgets")).toEqual({ kind: "github", owner: "acme", repo: "widgets" });
    expect(parseTarget("github:acme/widgets.git")).toEqual({ kind: "github", owner: "acme", repo: "widgets" });
    expect(parseTarget("https://github.com/acme/my.repo_2")).toEqual({ kind: "github", owner: "acme", repo: "my.repo_2" });
    expect(parseTarget("./some/repo")).toEqual({ kind: "local", path: "./some/repo" });
  });

  it.each([
    ["github:../user", '".." is not a GitHub owner name'],
    ["github:./widgets", '"." is not a GitHub owner name'],
    ["github:acme/..", '".." is not a GitHub repository name'],
    ["github:-acme/widgets", "is not a GitHub owner name"],
    ["github:ac_me/widgets", "is not a GitHub owner name"],
    [`github:${"x".repeat(40)}/widgets`, "at most 39 characters"],
  ])("refuses %s as a usage error that names the rule", (raw, message) => {
    const error = (() => {
      try {
        return parseTarget(raw);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: EXIT.USAGE, message: expect.stringContaining(message) });
  });

  it("refuses a GitHub URL that is not owner/repo (a `..` is resolved away by the URL parser first)", () => {
    expect(() => parseTarget("https://github.com/../user")).toThrow(/not a GitHub repository URL/);
  });
});
