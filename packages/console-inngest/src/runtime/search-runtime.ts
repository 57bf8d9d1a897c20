import { createDb, migrate, schema, type Database, type Db, type PgliteWasmModule, type StoreRow } from "@repo/console-db";
import { and, eq } from "drizzle-orm";
import type { StoreSpec } from "../sync/catalog";
import type { RuntimeConfig } from "./create-deps";
import { createSearchDeps, type SearchDeps } from "./search-deps";
import { storeSpecFor } from "./store-spec";

export interface SearchRuntimeOptions extends Omit<RuntimeConfig, "db"> {
  databaseUrl?: string;
  dataDir?: string;
  workspace?: string;
  /** PGlite's WebAssembly, compiled ahead by the caller (createDb's wasmModule). */
  pgliteWasm?: Promise<PgliteWasmModule>;
  /** PGlite without pgvector's library (createDb's withoutVector): for a caller that reads no vector and can fall back. */
  withoutVector?: boolean;
}

export interface SearchRuntime {
  database: Database;
  workspaceId: string;
  store: StoreRow;
  deps: SearchDeps;
  close(): Promise<void>;
}

/**
 * What a search needs and nothing more: the database (opened once, PGlite with a small buffer
 * pool), the workspace's store and the dependencies. No executor, no functions, and nothing
 * written once a sync has created the store; the service SDKs load only when a store uses them,
 * so a one-shot `tributary search` starts fast. A schema that is behind is migrated first.
 */
export async function openSearchRuntime(options: SearchRuntimeOptions): Promise<SearchRuntime> {
  const database = await createDb(
    options.databaseUrl
      ? { url: options.databaseUrl }
      : options.dataDir
        ? {
            dataDir: options.dataDir,
            smallBufferPool: true,
            ...(options.pgliteWasm ? { wasmModule: options.pgliteWasm } : {}),
            ...(options.withoutVector ? { withoutVector: true } : {}),
          }
        : { memory: true },
  );
  try {
    await migrate(database.db);
    const slug = options.workspace ?? "default";
    const spec = storeSpecFor(options.embedding, options.pinecone ? "pinecone" : "pgvector");
    const { workspaceId, store } = (await findStore(database.db, slug, spec)) ?? (await createStore(database.db, slug, spec));
    return { database, workspaceId, store, deps: createSearchDeps({ ...options, db: database.db }), close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The store a sync created for this configuration, read in one query (a store's name encodes its model and backend). */
async function findStore(db: Db, slug: string, spec: StoreSpec): Promise<{ workspaceId: string; store: StoreRow } | undefined> {
  const [row] = await db
    .select({ workspaceId: schema.workspaces.id, store: schema.stores })
    .from(schema.workspaces)
    .innerJoin(schema.stores, and(eq(schema.stores.workspaceId, schema.workspaces.id), eq(schema.stores.name, spec.name)))
    .where(eq(schema.workspaces.slug, slug));
  return row;
}

/** Nothing synced yet: create the workspace and store as a sync would (catalog.ts loads the workflows' events). */
async function createStore(db: Db, slug: string, spec: StoreSpec): Promise<{ workspaceId: string; store: StoreRow }> {
  const { ensureStore, ensureWorkspace } = await import("../sync/catalog");
  const workspaceId = await ensureWorkspace(db, slug);
  return { workspaceId, store: await ensureStore(db, workspaceId, spec) };
}
