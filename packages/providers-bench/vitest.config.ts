import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "providers-bench",
    include: ["src/**/*.test.ts"],
  },
});
