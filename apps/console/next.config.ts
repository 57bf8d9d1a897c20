import type { NextConfig } from "next";

const config: NextConfig = {
  // Internal packages ship TypeScript source.
  transpilePackages: [
    "@repo/console-types",
    "@repo/console-db",
    "@repo/console-chunking",
    "@repo/console-embed",
    "@repo/console-pinecone",
    "@repo/console-github",
    "@repo/console-sources",
    "@repo/console-inngest",
    "@repo/inngest-local",
    "@repo/http-limits",
    "@repo/console-relationships",
    "@repo/console-content",
  ],
  // Native, wasm or worker-based packages are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "postgres",
    "web-tree-sitter",
    "tree-sitter-typescript",
    "tree-sitter-javascript",
    "tree-sitter-python",
    "tree-sitter-go",
    "gpt-tokenizer",
  ],
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default config;
