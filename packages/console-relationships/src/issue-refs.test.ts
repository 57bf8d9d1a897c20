import { randomText, seededRandom } from "@repo/testing/random";
import { describe, expect, it } from "vitest";
import { ISSUE_REFERENCE, referenceMatches } from "./issue-refs";
import { edgesOf, lines, targetsOf } from "./test-fixtures";

const repo = { owner: "acme", name: "core" };

describe("issue and pull request references", () => {
  it("qualifies #n with the repository and normalises GitHub URLs", () => {
    const text = lines(
      "## Changelog",
      "- Fix retries (#12), closes acme/api#7 and GH-30.",
      "- See https://github.com/octo/web/pull/99/files and https://www.github.com/octo/web/issues/5#issuecomment-1.",
      "- Discussion https://github.com/octo/web/discussions/4 is not an issue.",
    );
    expect(targetsOf("issue_ref", "CHANGELOG.md", text, { repo })).toEqual(["acme/api#7", "acme/core#12", "acme/core#30", "octo/web#5", "octo/web#99"]);
    expect(targetsOf("issue_ref", "CHANGELOG.md", "Fixes #12")).toEqual(["#12"]);
  });

  it("reads references in code comments and strings, not in code", () => {
    const ts = lines("// TODO(#41): drop after the migration", 'throw new Error("see #42");', "class A { #43 = 1 }");
    expect(targetsOf("issue_ref", "a.ts", ts)).toEqual(["#41", "#42"]);
    const c = lines("#if 0", "#include <stdio.h>", '# 12 "file.c"', "#define LIMIT 10", "/* works around #44 */", "#123");
    expect(targetsOf("issue_ref", "main.c", c)).toEqual(["#44"]);
    expect(targetsOf("issue_ref", "run.py", "x = 1  # see #45\n")).toEqual(["#45"]);
  });

  it("does not mistake colours, entities, headings, anchors or paths for references", () => {
    const md = lines(
      "# 1 Title",
      "#Heading",
      "color: #333; background: #123456 !important;",
      "fill=#123 and fill=\"#123456\" and '#654321'",
      "&#123; &#x7B; entity",
      "[a](page.md#12) page#12 file/#9 C#1 ##7 #0",
      "A hex colour with letters: #1a2b3c.",
    );
    expect(targetsOf("issue_ref", "notes.md", md)).toEqual([]);
    expect(targetsOf("issue_ref", "theme.css", "a { color: #123456 } b { color:#123 }\n/* fixes #8 */")).toEqual(["#8"]);
    expect(targetsOf("issue_ref", "icon.svg", '<path fill="#123456" d="M0 0"/>')).toEqual([]);
    expect(targetsOf("issue_ref", "button.tsx", "const s = { color: '#123456' };\nconst css = `color: #123;`;")).toEqual([]);
  });

  it("keeps a colon-prefixed reference that is not a CSS declaration", () => {
    expect(targetsOf("issue_ref", "notes.md", "Fixes: #123\n")).toEqual(["#123"]);
  });
});

describe("URLs", () => {
  it("normalises URLs and strips surrounding punctuation", () => {
    const text = lines(
      "Docs at HTTPS://Example.COM/a/b. Also (https://example.com/c), <https://example.com/d>,",
      "**https://example.com/e**; https://en.wikipedia.org/wiki/Foo_(bar) and 'https://example.com/f'.",
      "Templated https://${host}/x is not a URL.",
    );
    expect(targetsOf("url", "a.md", text)).toEqual([
      "https://en.wikipedia.org/wiki/Foo_(bar)",
      "https://example.com/a/b",
      "https://example.com/c",
      "https://example.com/d",
      "https://example.com/e",
      "https://example.com/f",
    ]);
  });

  it("resolves a blob URL into this repository to the file, whatever the branch name", () => {
    const text = "https://github.com/Acme/Core/blob/release/v2/docs/a%20b.md#L3 and https://github.com/other/x/blob/main/README.md";
    expect(edgesOf("url", { path: "a.md", text, repo, repoPaths: ["docs/a b.md", "README.md"] })).toEqual([
      ["https://github.com/Acme/Core/blob/release/v2/docs/a%20b.md#L3", "docs/a b.md"],
      ["https://github.com/other/x/blob/main/README.md", null],
    ]);
  });

  it("does not read a URL's fragment as an issue reference", () => {
    expect(targetsOf("issue_ref", "a.md", "https://example.com/page#123")).toEqual([]);
  });
});

describe("finding references only where one can start", () => {
  const plain = (text: string) => [...text.matchAll(ISSUE_REFERENCE)].map((m) => [m.index, ...m]);
  const anchored = (text: string) => [...referenceMatches(text)].map((m) => [m.index, ...m]);

  it("finds exactly what the pattern scanned over the whole text finds, on random texts", () => {
    // Characters that make, break or border references: anchors, owner/name characters, and what the lookbehinds reject.
    const alphabet = ["#", "#", "G", "H", "-", "/", "a", "Z", "1", "0", "9", "_", ".", " ", "\n", "&", "=", '"', "'", "`", "@", "\\", ":", ";", "GH-", "x/y#"];
    const random = seededRandom(0x2545f491);
    let matched = 0;
    for (let i = 0; i < 4000; i++) {
      const text = randomText(random, alphabet, 120);
      const expected = plain(text);
      matched += expected.length;
      expect(anchored(text), JSON.stringify(text)).toEqual(expected);
    }
    // The texts did hold references (the comparison is not between two empty lists).
    expect(matched).toBeGreaterThan(500);
  });

  it("reaches back over the longest owner/name, and no further", () => {
    const owner = "o".repeat(39);
    const name = "n".repeat(100);
    for (const text of [
      `${owner}/${name}#7`,
      `x${owner}/${name}#7`,
      `${owner}x/${name}#7`,
      `${owner}/${name}x#7`,
      `GH-1/${name}#7 and ${owner}/GH-2#8`,
      `a/b#1c/d#2 GH-3GH-4 #5#6 ${owner}/${name}#7${owner}/${name}#8`,
    ])
      expect(anchored(text), text).toEqual(plain(text));
    expect(anchored(`${owner}/${name}#7`)).toEqual([[0, `${owner}/${name}#7`, owner, name, "7", undefined]]);
  });
});
