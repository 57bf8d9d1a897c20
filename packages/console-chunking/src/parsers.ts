import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";
import type { GrammarId } from "./language";
import { ChunkingError } from "./errors";

// Resolved through the package graph, not the cwd, so any process that imports us finds them.
const require = createRequire(import.meta.url);

const WASM_BY_GRAMMAR: Record<GrammarId, string> = {
  typescript: "tree-sitter-typescript/tree-sitter-typescript.wasm",
  tsx: "tree-sitter-typescript/tree-sitter-tsx.wasm",
  javascript: "tree-sitter-javascript/tree-sitter-javascript.wasm",
  python: "tree-sitter-python/tree-sitter-python.wasm",
  go: "tree-sitter-go/tree-sitter-go.wasm",
};

let runtime: Promise<void> | undefined;
const parsers = new Map<GrammarId, Promise<Parser>>();

/** One parser per grammar per process, loaded on first use. */
export function parserFor(grammar: GrammarId): Promise<Parser> {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = loadParser(grammar);
    parsers.set(grammar, parser);
    // A failed load must not poison the cache for the rest of the process.
    parser.catch(() => parsers.delete(grammar));
  }
  return parser;
}

async function loadParser(grammar: GrammarId): Promise<Parser> {
  runtime ??= Parser.init().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  const wasm = WASM_BY_GRAMMAR[grammar];
  try {
    await runtime;
    // The grammar is read from disk at run time; bundlers (the console's Next build) must not
    // try to bundle the .wasm as a module.
    const language = await Language.load(require.resolve(/* turbopackIgnore: true */ /* webpackIgnore: true */ wasm));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  } catch (cause) {
    throw new ChunkingError(`could not load the ${grammar} grammar (${wasm})`, { retryable: false, cause });
  }
}
