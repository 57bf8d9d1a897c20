import { describe, expect, it } from "vitest";
import { extractRelationships, type Relationship } from "./index";

const repoPaths = new Set([
  "src/index.ts",
  "src/util/retry.ts",
  "src/util/index.ts",
  "src/types.d.ts",
  "docs/guide.md",
  "docs/img/logo.png",
  "README.md",
  "pkg/app/main.py",
  "pkg/app/helpers.py",
  "pkg/models/__init__.py",
  "cmd/server/main.go",
  "internal/store/store.go",
]);
const edges = (path: string, text: string, extra: object = {}) => extractRelationships({ path, text, repoPaths, ...extra });
const pick = (list: Relationship[], kind: Relationship["kind"]) => list.filter((e) => e.kind === kind).map((e) => [e.target, e.targetPath ?? null]);

describe("imports", () => {
  it("resolves TypeScript and JavaScript imports, including .js specifiers for .ts sources", () => {
    const text = [
      'import { retry } from "./util/retry.js";',
      'import type { T } from "./types";',
      'export * from "./util";',
      'const zod = require("zod");',
      'const lazy = await import("../outside");',
      '// import { gone } from "./commented";',
    ].join("\n");
    expect(pick(edges("src/index.ts", text), "import")).toEqual([
      ["../outside", null],
      ["./types", "src/types.d.ts"],
      ["./util", "src/util/index.ts"],
      ["./util/retry.js", "src/util/retry.ts"],
      ["zod", null],
    ]);
  });

  it("resolves relative and absolute Python imports", () => {
    const text = "import os, json\nfrom .helpers import slugify\nfrom pkg.models import User\n# from .ghost import nothing\n";
    expect(pick(edges("pkg/app/main.py", text), "import")).toEqual([
      [".helpers", "pkg/app/helpers.py"],
      ["json", null],
      ["os", null],
      ["pkg.models", "pkg/models/__init__.py"],
    ]);
  });

  it("resolves module-internal Go imports to package directories", () => {
    const text = 'package main\n\nimport (\n\t"fmt"\n\tstore "example.com/app/internal/store"\n)\n';
    expect(pick(edges("cmd/server/main.go", text, { goModulePath: "example.com/app" }), "import")).toEqual([
      ["example.com/app/internal/store", "internal/store"],
      ["fmt", null],
    ]);
  });
});

describe("links, references and keys", () => {
  it("resolves Markdown links to repository files and keeps external ones as URLs", () => {
    const text = "See [the guide](docs/guide.md#setup), ![logo](./docs/img/logo.png), [top](#intro) and [site](https://example.com/x).\n\n[ref]: /docs/guide.md\n";
    const list = edges("README.md", text);
    expect(pick(list, "link")).toEqual([
      ["./docs/img/logo.png", "docs/img/logo.png"],
      ["/docs/guide.md", "docs/guide.md"],
      ["docs/guide.md#setup", "docs/guide.md"],
    ]);
    expect(pick(list, "url")).toEqual([["https://example.com/x", null]]);
  });

  it("normalises issue references and GitHub URLs", () => {
    const text = "Fixes #12 and acme/api#7, see https://github.com/acme/web/pull/99.\n";
    expect(pick(edges("CHANGELOG.md", text, { repo: { owner: "acme", name: "core" } }), "issue_ref")).toEqual([
      ["acme/api#7", null],
      ["acme/core#12", null],
      ["acme/web#99", null],
    ]);
  });

  it("does not mistake colours, entities, headings or directives for references", () => {
    const text = "# 1 Title\n#include <stdio.h>\ncolor: #333;\nbackground: #1a2b3c;\n&#123; entity\nfile/#9 path\n";
    expect(pick(edges("notes.md", text), "issue_ref")).toEqual([]);
    expect(pick(edges("theme.css", "a { color: #123456 }"), "issue_ref")).toEqual([]);
  });

  it("finds issue keys but not standards and encodings", () => {
    const text = "Closes PROJ-123 and ab-1; encoded as UTF-8, hashed with SHA-256 per RFC-7231 and ISO-8601.\n";
    expect(pick(edges("a.md", text), "issue_key")).toEqual([["PROJ-123", null]]);
  });

  it("is deterministic and de-duplicated, keeping the first line", () => {
    const text = "#5 first\nagain #5\n";
    const list = edges("a.md", text);
    expect(list).toEqual([{ kind: "issue_ref", target: "#5", line: 1 }]);
    expect(edges("a.md", text)).toEqual(list);
  });

  it("never throws on arbitrary input", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = '#[]()"\'`/.\\\n import from require( http:// ABC-1 &#; \u0000\uFFFD';
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 200 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      for (const path of ["a.ts", "a.py", "a.go", "a.md"]) expect(() => edges(path, text)).not.toThrow();
    }
  });
});
