import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "./schema";

// The apps call this package's domain functions (and `@repo/console-db/testing` in tests); they never
// import the schema's tables, so a column can change here without an app noticing.
const ROOT = join(import.meta.dirname, "../../..");
const TABLE_EXPORTS = new Set([
  "schema",
  ...Object.entries(schema)
    .filter(([, value]) => is(value, PgTable) || (typeof value === "object" && value !== null && Object.values(value).some((v) => is(v, PgTable))))
    .map(([name]) => name),
]);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "dist") return [];
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.(ts|tsx|mts)$/.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

/** Names an app file takes from the package's main entry: named imports and `import("@repo/console-db").x`. */
export function schemaImportsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/import\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(\{[^}]*\}|\*\s+as\s+[\w$]+)\s+from\s+["']@repo\/console-db["']/g)) {
    if (match[1]!.startsWith("*")) found.push("*");
    else
      found.push(
        ...match[1]!
          .slice(1, -1)
          .split(",")
          .map(
            (part) =>
              part
                .trim()
                .replace(/^type\s+/, "")
                .split(/\s+as\s+/)[0]!,
          ),
      );
  }
  for (const match of text.matchAll(/import\(["']@repo\/console-db["']\)\.([\w$]+)/g)) found.push(match[1]!);
  return found.filter((name) => name === "*" || TABLE_EXPORTS.has(name));
}

describe("schema boundary", () => {
  it("knows the schema's tables", () => {
    expect(TABLE_EXPORTS).toContain("sources");
    expect(TABLE_EXPORTS).toContain("authTables");
    expect(schemaImportsIn('import { createDb, schema, type Db } from "@repo/console-db";')).toEqual(["schema"]);
    expect(schemaImportsIn('import { sources as s, listAlerts } from "@repo/console-db";\nconst x: typeof import("@repo/console-db").syncJobs;')).toEqual([
      "sources",
      "syncJobs",
    ]);
    expect(schemaImportsIn('import { listAlerts } from "@repo/console-db/testing";')).toEqual([]);
  });

  it("no app file imports the database schema", async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(join(ROOT, "apps"))) {
      const names = schemaImportsIn(await readFile(file, "utf8"));
      if (names.length > 0) offenders.push(`${relative(ROOT, file)}: ${names.join(", ")}`);
    }
    expect(offenders).toEqual([]);
  });
});
