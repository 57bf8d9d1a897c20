import { describe, expect, it } from "vitest";
import { extractRelationships, type Relationship } from "./index";
import { goPackageDirs } from "./paths";
import { lines } from "./test-fixtures";

const repoPaths = ["README.md", "docs/guide.md", "src/index.ts", "src/retry.ts", "pkg/app/main.py", "internal/store/store.go"];
const repo = { owner: "acme", name: "core" };

describe("extractRelationships", () => {
  it("returns every edge of a realistic README, typed, sorted by kind and target, with first lines", () => {
    const text = lines(
      "# Core",
      "",
      "[![CI](https://github.com/acme/core/actions/workflows/ci.yml/badge.svg)](https://github.com/acme/core/actions)",
      "",
      "See the [guide](docs/guide.md) and [retry](./src/retry.ts). Tracked in CORE-12 and #7;",
      "upstream bug acme/api#3 (https://github.com/acme/api/issues/3).",
      "",
      "```ts",
      'import { retry } from "./src/retry"; // #99 in code is an example',
      "```",
      "Fixes #7 again, see the [guide](docs/guide.md).",
    );
    expect(extractRelationships({ path: "README.md", text, repoPaths: new Set(repoPaths), repo })).toEqual<Relationship[]>([
      { kind: "issue_key", target: "CORE-12", line: 5 },
      { kind: "issue_ref", target: "acme/api#3", line: 6 },
      { kind: "issue_ref", target: "acme/core#7", line: 5 },
      { kind: "link", target: "./src/retry.ts", targetPath: "src/retry.ts", line: 5 },
      { kind: "link", target: "docs/guide.md", targetPath: "docs/guide.md", line: 5 },
      { kind: "url", target: "https://github.com/acme/core/actions", line: 3 },
      { kind: "url", target: "https://github.com/acme/core/actions/workflows/ci.yml/badge.svg", line: 3 },
    ]);
  });

  it("is deterministic: the same edges whatever the order of repoPaths, and inputs left untouched", () => {
    const text = 'import { a } from "./retry";\nimport b from "./index";\n// see #4, ABC-1, https://example.com\n';
    const forward = new Set(repoPaths);
    const backward = new Set([...repoPaths].reverse());
    const first = extractRelationships({ path: "src/x.ts", text, repoPaths: forward });
    expect(extractRelationships({ path: "src/x.ts", text, repoPaths: backward })).toEqual(first);
    expect(extractRelationships({ path: "src/x.ts", text, repoPaths: forward })).toEqual(first);
    expect([...forward]).toEqual(repoPaths);
    expect(first.map((e) => `${e.kind} ${e.target}`)).toEqual([
      "import ./index",
      "import ./retry",
      "issue_key ABC-1",
      "issue_ref #4",
      "url https://example.com/",
    ]);
  });

  it("de-duplicates by kind and target, keeping the first line", () => {
    const text = lines("intro", "OPS-1 and #5", "#5 and OPS-1 again", "https://example.com/a", "https://EXAMPLE.com/a.");
    expect(extractRelationships({ path: "a.md", text, repoPaths: new Set() })).toEqual([
      { kind: "issue_key", target: "OPS-1", line: 2 },
      { kind: "issue_ref", target: "#5", line: 2 },
      { kind: "url", target: "https://example.com/a", line: 4 },
    ]);
  });

  it("sees a repoPaths set that changed size since the last call", () => {
    const paths = new Set(["main.go"]);
    const text = 'package main\nimport "example.com/app/lib"\n';
    const extract = () => extractRelationships({ path: "main.go", text, repoPaths: paths, goModulePath: "example.com/app" })[0]?.targetPath;
    expect(extract()).toBeUndefined();
    paths.add("lib/lib.go");
    expect(extract()).toBe("lib");
    expect(goPackageDirs(paths).has("lib")).toBe(true);
  });
});

describe("robustness", () => {
  const paths = ["a.ts", "a.tsx", "a.py", "a.go", "a.md", "a.c", "a.css", "a.txt"];
  let seed = 20260;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const tricky = [
    '"',
    "'",
    "`",
    "${",
    "}",
    "/",
    "*",
    "\\",
    "#",
    "[",
    "](",
    ")",
    "<",
    ">",
    "!--",
    "\n",
    "\r\n",
    " ",
    "```",
    "import ",
    "from ",
    "require(",
    "export ",
    "http://",
    "https://github.com/a/b/issues/",
    "ABC-",
    "9",
    "&#",
    ".",
    "..",
    "\u0000",
    "\uFFFD",
    "\uD800",
    "é",
  ];

  function checkInvariants(path: string, text: string): void {
    const edges = extractRelationships({ path, text, repoPaths: new Set(["a.ts", "b.ts", "docs/x.md"]), repo });
    const keys = edges.map((e) => `${e.kind}\u0000${e.target}`);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    const lineCount = text.split("\n").length;
    for (const edge of edges) expect(edge.line >= 1 && edge.line <= lineCount).toBe(true);
  }

  it("never throws and keeps its invariants on random token soup", () => {
    for (let i = 0; i < 200; i++) {
      const text = Array.from({ length: 120 }, () => tricky[Math.floor(random() * tricky.length)]).join("");
      for (const path of paths) checkInvariants(path, text);
    }
  });

  it("never throws on binary-ish text, including lone surrogates and control characters", () => {
    for (let i = 0; i < 100; i++) {
      const text = String.fromCharCode(...Array.from({ length: 400 }, () => Math.floor(random() * (random() < 0.5 ? 128 : 65536))));
      for (const path of paths) checkInvariants(path, text);
    }
  });

  it("finishes on inputs built to make regular expressions backtrack", () => {
    const hostile = [
      "`".repeat(20_000) + "a`b".repeat(5_000),
      "[".repeat(20_000) + "](".repeat(20_000),
      "import ".repeat(20_000),
      "from a import (" + "b, ".repeat(20_000),
      "${".repeat(20_000),
      "<a " + "x".repeat(50_000),
      "https://" + "a(".repeat(20_000),
      "https://a" + ")".repeat(50_000),
      "ABC-1".repeat(20_000),
      "#1".repeat(20_000),
      "/".repeat(50_000),
    ];
    for (const text of hostile) for (const path of paths) expect(() => extractRelationships({ path, text, repoPaths: new Set() })).not.toThrow();
  });
});
