import { firstExisting, joinPath, resolveRelative, withPath } from "./paths";
import { literalAt } from "./source-view";
import type { FoundEdge } from "./types";

const RESOLVE_EXTENSIONS = [".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.mts", ".d.cts"];
// TypeScript's ESM convention: `./x.js` names the source `./x.ts` (or only its declarations,
// `./x.d.ts`, in a types-only tree); likewise for the other output extensions.
const SOURCE_FOR_OUTPUT: Record<string, string[]> = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx"],
  ".mjs": [".mts", ".d.mts"],
  ".cjs": [".cts", ".d.cts"],
  ".ts": [".d.ts"],
  ".mts": [".d.mts"],
  ".cts": [".d.cts"],
};
const KEYWORD = /(?<![\w$.])(import|export|require|declare\s+module)\b/g;
// What may sit between `import`/`export` and `from`: bindings, braces, `* as x`, `type`.
// Bounded so `import import import ...` stays linear.
const CLAUSE = /[\w$*{}\s,]{0,4000}/y;
const ENDS_WITH_FROM = /\bfrom\s*$/;
const TRIPLE_SLASH_REFERENCE = /^[ \t]*\/\/\/[ \t]*<reference\s+path\s*=\s*["']([^"'\n]+)["']/gm;

/** `import`/`export ... from`, side-effect and dynamic imports, `require()`, `declare module`, `/// <reference path>`. */
export function jsImports(path: string, text: string, code: string, repoPaths: ReadonlySet<string>): FoundEdge[] {
  const edges: FoundEdge[] = [];
  const add = (specifier: string, offset: number) =>
    edges.push({ kind: "import", target: specifier, offset, ...withPath(resolveJsSpecifier(path, specifier, repoPaths)) });

  for (const match of code.matchAll(KEYWORD)) {
    const quoteAt = specifierQuote(code, match.index + match[0].length, match[1]!);
    const literal = quoteAt === undefined ? undefined : literalAt(text, code, quoteAt);
    // `declare module "x" {}` augments (depends on) module x; `"*.svg"` patterns name no module.
    const wildcard = match[1]!.startsWith("declare") && literal?.value.includes("*");
    if (literal && !wildcard) add(literal.value, match.index);
  }
  for (const match of text.matchAll(TRIPLE_SLASH_REFERENCE)) add(match[1]!, match.index);
  return edges;
}

/** Offset of the quote that opens the specifier following a keyword, if this is an import at all. */
function specifierQuote(code: string, after: number, keyword: string): number | undefined {
  let i = skipSpace(code, after);
  if (keyword.startsWith("declare")) return isQuote(code[i]) ? i : undefined;
  if (keyword === "require" || (keyword === "import" && code[i] === "(")) {
    // `import x = require("y")` is found at its `require`; `require.resolve` and calls with variables are not imports.
    if (code[i] !== "(") return undefined;
    i = skipSpace(code, i + 1);
    return isQuote(code[i]) ? i : undefined;
  }
  if (keyword === "import" && isQuote(code[i])) return i;
  CLAUSE.lastIndex = i;
  const end = i + CLAUSE.exec(code)![0].length;
  return (code[end] === '"' || code[end] === "'") && ENDS_WITH_FROM.test(code.slice(i, end)) ? end : undefined;
}

export function resolveJsSpecifier(from: string, specifier: string, repoPaths: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../") && specifier !== "." && specifier !== "..") return undefined;
  const base = resolveRelative(from, specifier.split("?")[0]!);
  if (base === null) return undefined;
  const extension = /\.[cm]?[jt]sx?$/.exec(base)?.[0];
  const sources = extension ? (SOURCE_FOR_OUTPUT[extension] ?? []).map((ext) => base.slice(0, -extension.length) + ext) : [];
  const withExtension = RESOLVE_EXTENSIONS.map((ext) => base + ext);
  const asDirectory = RESOLVE_EXTENSIONS.map((ext) => joinPath(base, `index${ext}`));
  return firstExisting([base, ...sources, ...withExtension, ...asDirectory].filter(Boolean), repoPaths);
}

function skipSpace(code: string, from: number): number {
  let i = from;
  while (i < code.length && /\s/.test(code[i]!)) i += 1;
  return i;
}

function isQuote(c: string | undefined): boolean {
  return c === '"' || c === "'" || c === "`";
}
