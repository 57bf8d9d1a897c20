import type { Chunk } from "@repo/console-types";

export type GrammarId = "typescript" | "tsx" | "javascript" | "python" | "go";

export interface DocumentLanguage {
  kind: Chunk["kind"];
  /** Set when a tree-sitter grammar understands the file; other code uses the line fallback. */
  grammar?: GrammarId;
}

const GRAMMAR_BY_EXTENSION: Record<string, GrammarId> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  py: "python",
  pyi: "python",
  go: "go",
};

const MARKDOWN = new Set(["md", "markdown", "mdx", "mdown", "mkd"]);

// Code without a grammar here still hashes as "code", so adding a grammar later is a config change.
const OTHER_CODE = new Set(
  "rs java kt kts scala c h cc cpp hpp cs rb php swift m sh bash zsh ps1 sql css scss less vue svelte lua pl r dart ex exs erl hs ml clj zig nim tf proto graphql gql json jsonc yaml yml toml ini xml html".split(
    " ",
  ),
);

/** Decides how a file is chunked from its path alone; the path never reaches a hash. */
export function languageOf(path: string): DocumentLanguage {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const dot = name.lastIndexOf(".");
  const extension = dot < 0 ? "" : name.slice(dot + 1);
  const grammar = GRAMMAR_BY_EXTENSION[extension];
  if (grammar) return { kind: "code", grammar };
  if (MARKDOWN.has(extension)) return { kind: "markdown" };
  if (OTHER_CODE.has(extension) || name === "dockerfile" || name === "makefile") return { kind: "code" };
  return { kind: "text" };
}
