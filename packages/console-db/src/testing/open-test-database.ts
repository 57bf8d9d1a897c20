import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../client/create-db";
import type { Database } from "../db-types";
import { migrate } from "../migrate";
import { createTempPostgresDatabase, DEFAULT_ADMIN_URL } from "./temp-postgres";

export type TestDatabaseKind = "postgres" | "pglite-memory" | "pglite-dir";

export interface TestDatabase extends Database {
  /** Closes the handle and removes what was created for it (database or directory). */
  dispose(): Promise<void>;
}

/** A migrated, empty database of the given kind; dispose() cleans everything up. */
export async function openTestDatabase(kind: TestDatabaseKind, adminUrl = DEFAULT_ADMIN_URL): Promise<TestDatabase> {
  if (kind === "postgres") {
    const temp = await createTempPostgresDatabase(adminUrl);
    const handle = await createDb({ url: temp.url, maxConnections: 4 });
    await migrate(handle.db);
    return withDispose(handle, () => temp.drop());
  }
  const dir = kind === "pglite-dir" ? mkdtempSync(join(tmpdir(), "tributary-pglite-")) : undefined;
  const handle = await createDb(dir ? { dataDir: dir } : { memory: true });
  await migrate(handle.db);
  return withDispose(handle, async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}

function withDispose(handle: Database, cleanup: () => Promise<void>): TestDatabase {
  return {
    ...handle,
    dispose: async () => {
      try {
        await handle.close();
      } finally {
        await cleanup();
      }
    },
  };
}
