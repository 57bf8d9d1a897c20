import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

export default defineProject({
  // tsconfig keeps JSX for Next (jsx: preserve); tests compile it to React's automatic runtime.
  oxc: { jsx: { runtime: "automatic" } },
  resolve: { alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: {
    name: "console",
    include: ["src/**/*.test.ts"],
    // The browser test drives one console and executor through several pages in order.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
