import { createDb, migrate, type Database, type StoreRow } from "@repo/console-db";
import type { SyncDeps } from "../sync/deps";
import { ensureStore, ensureWorkspace } from "../sync/catalog";
import { storeSpecFor } from "./store-spec";
import type { RuntimeConfig } from "./create-deps";

export interface SearchRuntimeOptions extends Omit<RuntimeConfig, "db"> {
  databaseUrl?: string;
  dataDir?: string;
  workspace?: string;
}

export interface SearchRuntime {
  database: Database;
  workspaceId: string;
  store: StoreRow;
  deps: SyncDeps;
  close(): Promise<void>;
}

/**
 * What a search needs and nothing more: the database (opened once), the workspace's store and
 * the dependencies. No executor and no functions, and the service SDKs load only when a
 * dependency is first used, so a one-shot `tributary search` starts fast.
 */
export async function openSearchRuntime(options: SearchRuntimeOptions): Promise<SearchRuntime> {
  const database = await createDb(options.databaseUrl ? { url: options.databaseUrl } : options.dataDir ? { dataDir: options.dataDir } : { memory: true });
  try {
    await migrate(database.db);
    const workspaceId = await ensureWorkspace(database.db, options.workspace ?? "default");
    const store = await ensureStore(database.db, workspaceId, storeSpecFor(options.embedding, options.pinecone ? "pinecone" : "pgvector"));
    const { createSyncDeps } = await import("./create-deps");
    return { database, workspaceId, store, deps: createSyncDeps({ ...options, db: database.db }), close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
