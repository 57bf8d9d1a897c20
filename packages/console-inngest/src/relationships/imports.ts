import { posix } from "node:path";
import { firstExisting, resolveRelative } from "./paths";
import { lineAt, type ExtractInput, type Relationship } from "./types";

const JS_EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.ts"];
const JS_FILE = /\.(?:[cm]?[jt]sx?)$/;
const JS_IMPORT = /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?|\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+|\brequire\s*\(\s*|\bimport\s*\(\s*)["'`]([^"'`\n]+)["'`]/g;
const PY_FROM = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import\b/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)/gm;
const GO_SINGLE = /^[ \t]*import[ \t]+(?:[\w.]+[ \t]+)?"([^"]+)"/gm;
const GO_BLOCK = /^[ \t]*import[ \t]*\(([\s\S]*?)\)/gm;
const GO_SPEC = /(?:[\w.]+[ \t]+)?"([^"]+)"/g;

export function extractImports(input: ExtractInput): Relationship[] {
  if (JS_FILE.test(input.path)) return jsImports(input);
  if (input.path.endsWith(".py")) return pythonImports(input);
  if (input.path.endsWith(".go")) return goImports(input);
  return [];
}

function jsImports({ path, text, repoPaths }: ExtractInput): Relationship[] {
  const code = stripJsComments(text);
  const edges: Relationship[] = [];
  for (const match of code.matchAll(JS_IMPORT)) {
    const specifier = match[1]!;
    edges.push({ kind: "import", target: specifier, line: lineAt(text, match.index), ...withPath(resolveJs(path, specifier, repoPaths)) });
  }
  return edges;
}

function resolveJs(from: string, specifier: string, repoPaths: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith(".") && !specifier.startsWith("/")) return undefined;
  const base = resolveRelative(from, specifier);
  if (base === null) return undefined;
  // TypeScript ESM writes `./x.js` for the source `./x.ts`.
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/, "");
  return firstExisting([base, ...JS_EXTENSIONS.map((e) => stem + e), ...JS_EXTENSIONS.map((e) => posix.join(base, `index${e}`))], repoPaths);
}

function pythonImports({ path, text, repoPaths }: ExtractInput): Relationship[] {
  const code = text.replace(/#[^\n]*/g, (m) => " ".repeat(m.length));
  const edges: Relationship[] = [];
  for (const match of code.matchAll(PY_FROM)) {
    const module = match[1]!;
    edges.push({ kind: "import", target: module, line: lineAt(text, match.index), ...withPath(resolvePython(path, module, repoPaths)) });
  }
  for (const match of code.matchAll(PY_IMPORT)) {
    for (const module of match[1]!.split(",").map((m) => m.trim())) {
      edges.push({ kind: "import", target: module, line: lineAt(text, match.index), ...withPath(resolvePython(path, module, repoPaths)) });
    }
  }
  return edges;
}

function resolvePython(from: string, module: string, repoPaths: ReadonlySet<string>): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  const rest = module.slice(dots).split(".").filter(Boolean).join("/");
  const roots = dots > 0 ? [climb(posix.dirname(from), dots - 1)] : ["", "src", posix.dirname(from)];
  for (const root of roots) {
    if (root === null) continue;
    const base = posix.join(root, rest);
    const found = firstExisting([`${base}.py`, posix.join(base, "__init__.py")], repoPaths);
    if (found) return found;
  }
  return undefined;
}

function climb(dir: string, levels: number): string | null {
  let current = dir === "." ? "" : dir;
  for (let i = 0; i < levels; i++) {
    if (current === "") return null;
    current = posix.dirname(current) === "." ? "" : posix.dirname(current);
  }
  return current;
}

function goImports({ text, repoPaths, goModulePath }: ExtractInput): Relationship[] {
  const code = text.replace(/\/\/[^\n]*/g, (m) => " ".repeat(m.length));
  const edges: Relationship[] = [];
  const add = (specifier: string, offset: number) => edges.push({ kind: "import", target: specifier, line: lineAt(text, offset), ...withPath(resolveGo(specifier, repoPaths, goModulePath)) });
  for (const match of code.matchAll(GO_SINGLE)) add(match[1]!, match.index);
  for (const block of code.matchAll(GO_BLOCK)) {
    const start = block.index + block[0].indexOf("(") + 1;
    for (const spec of block[1]!.matchAll(GO_SPEC)) add(spec[1]!, start + spec.index);
  }
  return edges;
}

/** A Go import names a package directory; it resolves when the module owns it and a .go file is there. */
function resolveGo(specifier: string, repoPaths: ReadonlySet<string>, modulePath?: string): string | undefined {
  if (!modulePath || (specifier !== modulePath && !specifier.startsWith(`${modulePath}/`))) return undefined;
  const dir = specifier.slice(modulePath.length).replace(/^\//, "");
  for (const path of repoPaths) if (path.endsWith(".go") && posix.dirname(path) === (dir || ".")) return dir || ".";
  return undefined;
}

function withPath(targetPath: string | undefined): { targetPath?: string } {
  return targetPath === undefined ? {} : { targetPath };
}

/** Blanks comments (keeping offsets) so commented-out imports are not edges; strings stay. */
function stripJsComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, " "));
}
