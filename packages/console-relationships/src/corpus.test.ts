import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { extractRelationships } from "./index";

// zod ships its TypeScript sources with TS-ESM `.js` specifiers: a pinned, real-world corpus.
const zodRoot = join(dirname(createRequire(import.meta.url).resolve("zod/package.json")), "src");

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function exportStarAs(text: string): string[] {
  return [...text.matchAll(/^export \* as \w+ from "([^"]+)";$/gm)].map((m) => m[1]!);
}

describe("a real TypeScript codebase (zod's sources)", () => {
  const files = listFiles(zodRoot).filter((file) => file.endsWith(".ts"));
  const repoPaths = new Set(files.map((file) => relative(zodRoot, file)));
  const extracted = files.map((file) => {
    const path = relative(zodRoot, file);
    const text = readFileSync(file, "utf8");
    return { path, text, imports: extractRelationships({ path, text, repoPaths }).filter((e) => e.kind === "import") };
  });

  it("finds the same import specifiers as the TypeScript compiler's pre-processor", () => {
    let compared = 0;
    for (const { path, text, imports } of extracted) {
      // The compiler's own scanner, with require() and import() detection, as an independent oracle.
      const expected = new Set(ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName));
      // The pre-processor skips `export * as ns from "x"`; we count those, so they are the only extras.
      for (const specifier of exportStarAs(text)) expected.add(specifier);
      expect(imports.map((e) => e.target).sort(), path).toEqual([...expected].sort());
      compared += expected.size;
    }
    expect(files.length).toBeGreaterThan(100);
    expect(compared).toBeGreaterThan(500);
  });

  it("resolves every relative import to a file in the tree", () => {
    const unresolved = extracted.flatMap(({ path, imports }) =>
      imports.filter((e) => e.target.startsWith(".") && !e.targetPath).map((e) => `${path}: ${e.target}`),
    );
    expect(unresolved).toEqual([]);
  });
});
