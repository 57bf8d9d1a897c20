import { describe, expect, it } from "vitest";
import { edgesOf, lines, targetsOf } from "./test-fixtures";

const repoPaths = [
  "README.md",
  "docs/guide.md",
  "docs/setup.md",
  "docs/api/README.md",
  "docs/img/logo.png",
  "docs/My File.md",
  "src/retry.ts",
  "CONTRIBUTING.md",
];

describe("Markdown links", () => {
  it("resolves inline links, images, reference definitions and HTML to repository files", () => {
    const text = lines(
      "# Guide",
      "",
      'Start with [setup](setup.md#install) or [the API](./api/), then [back](../README.md "Home").',
      "[![logo](img/logo.png)](https://example.com/brand)",
      "See [the file](</docs/My File.md>) and [encoded](My%20File.md) and [retry](/src/retry.ts?plain=1).",
      "Read [contributing][contrib] and [nothing][missing].",
      '<img src="./img/logo.png" width="40"> <a href="guide.md">self</a>',
      "",
      "[contrib]: ../CONTRIBUTING.md 'How to help'",
      "[^1]: A footnote, not a link: docs/not-a-link.md",
    );
    expect(edgesOf("link", { path: "docs/guide.md", text, repoPaths })).toEqual([
      ["../CONTRIBUTING.md", "CONTRIBUTING.md"],
      ["../README.md", "README.md"],
      ["./api/", "docs/api/README.md"],
      ["./img/logo.png", "docs/img/logo.png"],
      ["/docs/My File.md", "docs/My File.md"],
      ["/src/retry.ts?plain=1", "src/retry.ts"],
      ["My%20File.md", "docs/My File.md"],
      ["guide.md", "docs/guide.md"],
      ["img/logo.png", "docs/img/logo.png"],
      ["setup.md#install", "docs/setup.md"],
    ]);
  });

  it("keeps broken and out-of-repository links without a path, and skips anchors and other schemes", () => {
    const text = "[gone](old/page.md) [up](../../../outside.md) [top](#top) [mail](mailto:a@b.c) [tel](tel:123) [cdn](//cdn.example.com/x.js)\n";
    expect(edgesOf("link", { path: "docs/guide.md", text, repoPaths })).toEqual([
      ["../../../outside.md", null],
      ["old/page.md", null],
    ]);
  });

  it("turns external links into URL and issue edges", () => {
    const text = "[site](https://Example.com/Docs) and [bug](https://github.com/acme/api/issues/7)\n";
    expect(edgesOf("url", { path: "README.md", text })).toEqual([["https://example.com/Docs", null]]);
    expect(edgesOf("issue_ref", { path: "README.md", text })).toEqual([["acme/api#7", null]]);
  });

  it("ignores links in fenced code, inline code and HTML comments", () => {
    const text = lines(
      "```md",
      "[example](docs/setup.md)",
      "```",
      "~~~",
      "[tilde](docs/setup.md)",
      "~~~",
      "Write `[x](docs/setup.md)` or ``[y](docs/setup.md)``.",
      "<!-- [hidden](docs/setup.md) -->",
      "[real](docs/guide.md)",
    );
    expect(targetsOf("link", "README.md", text, { repoPaths: new Set(repoPaths) })).toEqual(["docs/guide.md"]);
  });

  it("treats a fence left open as code to the end, and an unmatched backtick as text", () => {
    expect(targetsOf("link", "a.md", "A lone ` backtick then [a](a.md)\n```\n[b](b.md)\n")).toEqual(["a.md"]);
  });

  it("extracts links only from Markdown files", () => {
    expect(targetsOf("link", "notes.txt", "[a](docs/guide.md)")).toEqual([]);
    expect(targetsOf("link", "page.mdx", "[a](docs/guide.md)")).toEqual(["docs/guide.md"]);
  });
});
