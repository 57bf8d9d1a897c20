import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "console-db",
    include: ["src/**/*.test.ts"],
    testTimeout: 120_000,
    // Starting PGlite (a WASM Postgres) takes seconds and much longer on a loaded 2-core box.
    hookTimeout: 120_000,
  },
});
