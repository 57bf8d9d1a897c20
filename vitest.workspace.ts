// The single list of test projects; vitest.config.ts reads it (Vitest 4 ignores this file on its own).
export const projects = [
  "packages/console-types",
  "packages/console-db",
  "packages/console-chunking",
  "packages/console-embed",
  "packages/console-pinecone",
  "packages/console-content",
  "packages/console-github",
  "packages/console-sources",
  "packages/http-limits",
  "packages/console-relationships",
  "packages/console-inngest",
  "packages/inngest-local",
  "packages/testing",
  "packages/providers-bench",
  "apps/cli",
  "apps/console",
];
