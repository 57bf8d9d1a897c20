import { createDb, migrate, type Database } from "@repo/console-db";
import { InngestLocal, type Logger } from "@repo/inngest-local";
import { serve } from "inngest/edge";
import { createInngestClient, type TributaryInngest } from "../client";
import { createFunctions } from "../functions";
import { ensureStore, ensureWorkspace } from "../sync/catalog";
import type { StoreRow } from "../sync/rows";
import { createSyncDeps, type RuntimeConfig } from "./create-deps";
import { storeSpecFor } from "./store-spec";

export interface EmbeddedRuntimeOptions extends Omit<RuntimeConfig, "db"> {
  /** Postgres URL; without it, PGlite in `dataDir` (or in memory). */
  databaseUrl?: string;
  dataDir?: string;
  workspace?: string;
  logger?: Logger;
  clock?: "real" | "virtual";
}

export interface EmbeddedRuntime {
  database: Database;
  local: InngestLocal;
  inngest: TributaryInngest;
  workspaceId: string;
  store: StoreRow;
  close(): Promise<void>;
}

/**
 * Tributary on one machine: the same functions, driven by inngest-local through the real serve
 * handler, with the database and services the options name (PGlite + local embedder by default).
 */
export async function startEmbeddedRuntime(options: EmbeddedRuntimeOptions): Promise<EmbeddedRuntime> {
  const database = await createDb(options.databaseUrl ? { url: options.databaseUrl } : options.dataDir ? { dataDir: options.dataDir } : { memory: true });
  try {
    await migrate(database.db);
    const local = new InngestLocal({ clock: options.clock ?? "real", ...(options.logger ? { logger: options.logger } : {}) });
    const inngest = createInngestClient({ isDev: true, baseUrl: "http://inngest-local", fetch: local.fetch });
    const deps = createSyncDeps({ ...options, db: database.db });
    await local.register({ handler: serve({ client: inngest, functions: createFunctions(inngest, deps) }) });
    const workspaceId = await ensureWorkspace(database.db, options.workspace ?? "default");
    const store = await ensureStore(database.db, workspaceId, storeSpecFor(options.embedding, options.pinecone ? "pinecone" : "pgvector"));
    return {
      database,
      local,
      inngest,
      workspaceId,
      store,
      close: async () => {
        await local.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
