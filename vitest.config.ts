import { defineConfig } from "vitest/config";
import { projects } from "./vitest.workspace.ts";

export default defineConfig({
  test: {
    projects,
    // Two cores on every machine, CI included.
    maxWorkers: 2,
  },
});
