import { posix } from "node:path";
import { ancestors, firstExisting, joinPath, parentOf, withPath } from "./paths";
import type { FoundEdge } from "./types";

// Statements start a line or follow `;`. `[^\n;]*` stays linear; continuations are joined first.
const FROM_IMPORT = /(?:^|;)[ \t]*from[ \t]+(\.+[\w.]*|[A-Za-z_][\w.]*)[ \t]+import[ \t]*(\([^)]*\)?|[^\n;]*)/gm;
const PLAIN_IMPORT = /(?:^|;)[ \t]*import[ \t]+([^\n;]+)/gm;
const MODULE = /^\.*[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*$|^\.+$/;

/**
 * `import a.b`, `import a as b, c`, `from .x import y`, `from a.b import (c, d)`. Names imported
 * `from` a package that are modules themselves (`from . import helpers`) become edges to those
 * modules; otherwise the one edge goes to the package or module the names come from.
 */
export function pythonImports(path: string, lexedCode: string, repoPaths: ReadonlySet<string>): FoundEdge[] {
  // Joining backslash continuations keeps offsets: `\` + newline become two spaces.
  const code = lexedCode.replace(/\\\r?\n/g, (m) => " ".repeat(m.length));
  const edges: FoundEdge[] = [];
  const add = (module: string, offset: number, targetPath: string | undefined) =>
    edges.push({ kind: "import", target: module, offset, ...withPath(targetPath) });

  for (const match of code.matchAll(FROM_IMPORT)) {
    const module = match[1]!;
    if (!MODULE.test(module)) continue;
    const offset = match.index + match[0].indexOf("from");
    let submodules = 0;
    for (const name of importedNames(match[2]!)) {
      const child = module.endsWith(".") ? module + name : `${module}.${name}`;
      const childPath = resolvePythonModule(path, child, repoPaths);
      if (childPath) {
        add(child, offset, childPath);
        submodules += 1;
      }
    }
    if (submodules === 0) add(module, offset, resolvePythonModule(path, module, repoPaths));
  }
  for (const match of code.matchAll(PLAIN_IMPORT)) {
    const offset = match.index + match[0].indexOf("import");
    for (const module of importedNames(match[1]!))
      if (MODULE.test(module) && !module.startsWith(".")) add(module, offset, resolvePythonModule(path, module, repoPaths));
  }
  return edges;
}

/** Names from an import list: parentheses, trailing commas and `as` aliases removed; `*` dropped. */
function importedNames(list: string): string[] {
  return list
    .replace(/[()]/g, " ")
    .split(",")
    .map((part) =>
      part
        .trim()
        .split(/\s+as\s+/)[0]!
        .trim(),
    )
    .filter((name) => name !== "" && name !== "*" && /^[\w.]+$/.test(name));
}

/**
 * Relative modules climb from the file's package; absolute ones are tried from the repository root,
 * `src/`, then each directory above the file (nearest first), as a script's sys.path would see them.
 */
export function resolvePythonModule(from: string, module: string, repoPaths: ReadonlySet<string>): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  const relativePath = module.slice(dots).split(".").filter(Boolean).join("/");
  const fileDir = parentOf(from);
  let roots: string[];
  if (dots > 0) {
    const chain = ancestors(fileDir);
    if (dots - 1 >= chain.length) return undefined;
    roots = [chain[dots - 1]!];
  } else {
    roots = [...new Set(["", "src", ...ancestors(fileDir)])];
  }
  for (const root of roots) {
    const base = joinPath(root, relativePath);
    const found = firstExisting(
      [`${base}.py`, `${base}.pyi`, posix.join(base, "__init__.py")].filter((p) => !p.startsWith(".")),
      repoPaths,
    );
    if (found) return found;
  }
  return undefined;
}
