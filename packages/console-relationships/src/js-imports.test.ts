import { describe, expect, it } from "vitest";
import { extractRelationships } from "./index";
import { edgesOf, lines, targetsOf } from "./test-fixtures";

const repoPaths = [
  "apps/web/src/app.tsx",
  "apps/web/src/button.tsx",
  "apps/web/src/styles.css",
  "apps/web/src/hooks/index.ts",
  "apps/web/src/lib/retry.ts",
  "apps/web/src/lib/format.mts",
  "apps/web/src/lib/legacy.js",
  "apps/web/src/types.d.ts",
  "apps/web/globals.d.ts",
  "apps/web/src/config.json",
];

describe("TypeScript and JavaScript imports", () => {
  it("finds every import form in a realistic TSX module and resolves relative ones", () => {
    const text = lines(
      '/// <reference path="../globals.d.ts" />',
      '"use client";',
      'import React, { useState } from "react";',
      "import {",
      "  retry,",
      "  type RetryOptions,",
      '} from "./lib/retry.js";',
      'import type { Theme } from "./types";',
      'import * as format from "./lib/format.mjs";',
      'import "./styles.css";',
      'import config from "./config.json" with { type: "json" };',
      'export { Button } from "./button";',
      'export * as hooks from "./hooks";',
      'import legacy = require("./lib/legacy");',
      'const chart = await import("@acme/charts/line");',
      "const fs = require('node:fs');",
      'const outside = require("../../../../elsewhere");',
    );
    expect(edgesOf("import", { path: "apps/web/src/app.tsx", text, repoPaths })).toEqual([
      ["../../../../elsewhere", null],
      ["../globals.d.ts", "apps/web/globals.d.ts"],
      ["./button", "apps/web/src/button.tsx"],
      ["./config.json", "apps/web/src/config.json"],
      ["./hooks", "apps/web/src/hooks/index.ts"],
      ["./lib/format.mjs", "apps/web/src/lib/format.mts"],
      ["./lib/legacy", "apps/web/src/lib/legacy.js"],
      ["./lib/retry.js", "apps/web/src/lib/retry.ts"],
      ["./styles.css", "apps/web/src/styles.css"],
      ["./types", "apps/web/src/types.d.ts"],
      ["@acme/charts/line", null],
      ["node:fs", null],
      ["react", null],
    ]);
  });

  it("reports the line of each import statement", () => {
    const text = lines("// header", "", 'import a from "a";', "const b = require(", '  "b",', ");");
    const found = extractRelationships({ path: "x.js", text, repoPaths: new Set() });
    expect(found.map((e) => [e.target, e.line])).toEqual([
      ["a", 3],
      ["b", 4],
    ]);
  });

  it("ignores imports inside comments, strings, templates and regular expressions", () => {
    const text = lines(
      '// import gone from "./commented";',
      '/* const x = require("./block-comment"); */',
      "const help = \"import y from './in-a-string'\";",
      'const doc = `\nimport z from "./in-a-template";\n${name}`;',
      "const quote = /[\"']/g; // a quote inside a regex must not open a string",
      "const ticks = /`+/g; const open = /\\/\\*/; // nor a backtick a template, nor /* a comment",
      'import { real } from "./real";',
      "const ratio = total / count; const again = /'/.test(s);",
      'export { other } from "./other";',
    );
    expect(targetsOf("import", "src/a.ts", text)).toEqual(["./other", "./real"]);
  });

  it("survives JSX text with apostrophes and closing tags", () => {
    const text = lines('import { Card } from "./card";', "export const A = () => <p>Don't <b>panic</b></p>;", 'import later from "./later";');
    expect(targetsOf("import", "src/a.jsx", text)).toEqual(["./card", "./later"]);
  });

  it("skips specifiers that name no single module", () => {
    const text = lines(
      "const m = await import(`./locales/${lang}.json`);",
      "const n = require(name);",
      'const p = foo.require("./not-node-require");',
      "require.resolve('./resolved');",
    );
    expect(targetsOf("import", "src/a.ts", text)).toEqual([]);
  });

  it("prefers an exact file, then the TypeScript source of a .js specifier", () => {
    const paths = ["src/a.ts", "src/b.js", "src/b.ts", "src/c.ts"];
    expect(edgesOf("import", { path: "src/a.ts", text: 'import "./b.js";\nimport "./c.js";', repoPaths: paths })).toEqual([
      ["./b.js", "src/b.js"],
      ["./c.js", "src/c.ts"],
    ]);
  });

  it("counts module augmentations but not wildcard ambient modules", () => {
    const text = lines(
      'import "./setup";',
      'declare module "express-serve-static-core" {',
      "  interface Request { user?: string }",
      "}",
      'declare module "*.svg";',
    );
    expect(targetsOf("import", "src/types.d.ts", text)).toEqual(["./setup", "express-serve-static-core"]);
  });

  it("resolves output extensions to declaration files in a types-only tree", () => {
    const paths = ["types/a.d.ts", "types/b.d.ts", "types/c.d.cts", "types/d.d.mts", "types/e.d.ts"];
    const text = 'import "./b.js";\nimport "./c.cjs";\nimport "./d.mjs";\nimport "./e.ts";\n';
    expect(edgesOf("import", { path: "types/a.d.ts", text, repoPaths: paths }).map(([, path]) => path)).toEqual([
      "types/b.d.ts",
      "types/c.d.cts",
      "types/d.d.mts",
      "types/e.d.ts",
    ]);
  });

  it("only reads JavaScript-family files as JavaScript", () => {
    expect(targetsOf("import", "notes.txt", 'import x from "./x";')).toEqual([]);
    expect(targetsOf("import", "mod.CJS", 'module.exports = require("./x");')).toEqual(["./x"]);
  });
});
