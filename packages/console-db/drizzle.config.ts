import { defineConfig } from "drizzle-kit";

// Generation only: migrations are applied by src/migrate.ts for both drivers.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
});
