import { describe, expect, it } from "vitest";
import { lines, targetsOf } from "./test-fixtures";

describe("issue keys", () => {
  it("finds Jira and Linear keys in prose, commit-style text and branch names", () => {
    const text = lines("PROJ-123: fix the login loop", "Relates to ENG-7 and (AB2-45), branch feature/WEB-88.", "PROJ-123 again");
    expect(targetsOf("issue_key", "notes.md", text)).toEqual(["AB2-45", "ENG-7", "PROJ-123", "WEB-88"]);
  });

  it("leaves out standards, encodings, versions, licences and single letters", () => {
    const text = lines(
      "Encoded as UTF-8 or ISO-8859-1, hashed with SHA-256 and MD-5, dates in ISO-8601.",
      "Per RFC-7231, CVE-2021-44228 and ECMA-262; ES-5.1, BSD-3-Clause, GPL-3, COVID-19, X-123.",
      "Lower case abc-12, a word prefix xABC-12, a path v1.ABC-12, a version ABC-1.2, zero ABC-0.",
      "Too long ABCDEFGHIJK-1.",
    );
    expect(targetsOf("issue_key", "notes.md", text)).toEqual([]);
  });

  it("reads keys in code comments and strings, not in arithmetic", () => {
    const text = lines("const last = items[MAX-1];", "// Workaround for OPS-12 until the API ships", 'log("tracked in OPS-13");');
    expect(targetsOf("issue_key", "a.ts", text)).toEqual(["OPS-12", "OPS-13"]);
  });

  it("reads only comments and strings in other C-family languages", () => {
    const rust = lines("fn last<'a>(v: &'a [u8]) -> u8 { v[LEN-1] }", "// Tracked in CORE-5", 'const NOTE: &str = "see CORE-6";');
    expect(targetsOf("issue_key", "src/lib.rs", rust)).toEqual(["CORE-5", "CORE-6"]);
    expect(targetsOf("issue_key", "Main.java", "int x = SIZE-1; /* CORE-7 */")).toEqual(["CORE-7"]);
  });

  it("skips keys inside URLs and Markdown code", () => {
    const text = "https://acme.atlassian.net/browse/OPS-12 and `OPS-13` but OPS-14\n";
    expect(targetsOf("issue_key", "a.md", text)).toEqual(["OPS-14"]);
  });
});
