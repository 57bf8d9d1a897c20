// Test helpers for packages whose tests need a real database (not part of the runtime API).
export * from "./temp-postgres";
export * from "./open-test-database";
export * from "./expect-pg-error";
export * from "./table-rows";
export * from "./seed-store";
