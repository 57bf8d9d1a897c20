import { randomBytes } from "node:crypto";
import postgres from "postgres";

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface TempPostgresDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** A uniquely named database on the local server, so parallel test files never share state. */
export async function createTempPostgresDatabase(adminUrl = DEFAULT_ADMIN_URL): Promise<TempPostgresDatabase> {
  const name = `tributary_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.unsafe(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(adminUrl, (admin) => admin.unsafe(`drop database if exists "${name}" with (force)`)),
  };
}

async function withAdmin(adminUrl: string, run: (admin: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await run(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
