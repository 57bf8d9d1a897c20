import { goPackageDirs, joinPath, resolveRelative, withPath } from "./paths";
import { literalAt } from "./source-view";
import type { FoundEdge } from "./types";

const IMPORT_DECL = /^[ \t]*import[ \t]*(\(|(?:[\w.]+[ \t]+)?["`])/gm;
// Inside a block: an optional name (`store`, `.`, `_`) then the path literal.
const BLOCK_SPEC = /(?:^|[\s;])(?:[\w.]+[ \t]+)?(["`])/g;

/**
 * `import "x"`, `import name "x"` and import blocks. A Go import names a package directory, so a
 * resolved edge's targetPath is that directory ("." for the module root), and only when it holds
 * a .go file: module-internal paths (via go.mod's module path), `vendor/`, and relative imports.
 */
export function goImports(path: string, text: string, code: string, repoPaths: ReadonlySet<string>, goModulePath?: string): FoundEdge[] {
  const edges: FoundEdge[] = [];
  const add = (quoteAt: number) => {
    const literal = literalAt(text, code, quoteAt);
    if (literal)
      edges.push({ kind: "import", target: literal.value, offset: quoteAt, ...withPath(resolveGoImport(path, literal.value, repoPaths, goModulePath)) });
  };
  for (const decl of code.matchAll(IMPORT_DECL)) {
    const opener = decl.index + decl[0].length - 1;
    if (code[opener] !== "(") {
      add(opener);
      continue;
    }
    const close = code.indexOf(")", opener);
    const block = code.slice(opener + 1, close === -1 ? code.length : close);
    for (const spec of block.matchAll(BLOCK_SPEC)) add(opener + 1 + spec.index + spec[0].length - 1);
  }
  return edges;
}

export function resolveGoImport(from: string, specifier: string, repoPaths: ReadonlySet<string>, goModulePath?: string): string | undefined {
  const packageDirs = goPackageDirs(repoPaths);
  const candidates: (string | null)[] = [];
  if (specifier.startsWith("./") || specifier.startsWith("../")) candidates.push(resolveRelative(from, specifier));
  else {
    if (goModulePath && (specifier === goModulePath || specifier.startsWith(`${goModulePath}/`))) candidates.push(specifier.slice(goModulePath.length + 1));
    // Vendored dependencies resolve only when the repository commits vendor/.
    candidates.push(joinPath("vendor", specifier));
  }
  const found = candidates.find((dir): dir is string => dir !== null && packageDirs.has(dir));
  return found === undefined ? undefined : found === "" ? "." : found;
}
