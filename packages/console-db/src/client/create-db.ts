import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "../db-types";
import * as schema from "../schema";
import { lockDataDir } from "./data-dir-lock";
import { byteaParsers, byteaSerializers } from "./pglite-bytea";

export type CreateDbOptions =
  /** A Postgres server through postgres.js (production, tests on 127.0.0.1:5432). */
  | { url: string; maxConnections?: number }
  /** PGlite persisted in a directory, owned by this process until close(). */
  | { dataDir: string }
  /** PGlite in memory (tests, throwaway runs). */
  | { memory: true };

/** Opens the database; call `migrate(handle.db)` before use. PGlite always has pgvector loaded. */
export async function createDb(options: CreateDbOptions): Promise<Database> {
  if ("url" in options) return openPostgres(options.url, options.maxConnections ?? 10);
  if ("dataDir" in options) return openPglite(options.dataDir);
  return openPglite(undefined);
}

function openPostgres(url: string, max: number): Database {
  // Notices ("relation already exists, skipping") are expected from idempotent DDL; not log-worthy.
  const client = postgres(url, { max, onnotice: () => {} });
  return {
    db: drizzlePostgres({ client, schema }),
    kind: "postgres",
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const lock = dataDir === undefined ? undefined : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir, extensions: { vector }, serializers: byteaSerializers, parsers: byteaParsers });
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    db: drizzlePglite({ client, schema }),
    kind: "pglite",
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
