import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "inngest-local",
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
