import { createDb, migrate, type Database } from "@repo/console-db";
import {
  createFunctions,
  createInngestClient,
  createSyncDeps,
  ensureStore,
  ensureWorkspace,
  recordJobRun,
  storeSpecFor,
  type StoreRow,
  type SyncDeps,
  type TributaryInngest,
} from "@repo/console-inngest";
import { env } from "../env";
import { serviceSettings } from "./settings";

export interface ConsoleRuntime {
  database: Database;
  deps: SyncDeps;
  inngest: TributaryInngest;
  functions: ReturnType<typeof createFunctions>;
  workspaceId: string;
  store: StoreRow;
}

// One runtime per server process: PGlite owns its data directory, so it must be opened once.
const globalForRuntime = globalThis as unknown as { tributaryRuntime?: Promise<ConsoleRuntime> };

export function getRuntime(): Promise<ConsoleRuntime> {
  globalForRuntime.tributaryRuntime ??= openRuntime().catch((error: unknown) => {
    globalForRuntime.tributaryRuntime = undefined;
    throw error;
  });
  return globalForRuntime.tributaryRuntime;
}

async function openRuntime(): Promise<ConsoleRuntime> {
  const settings = serviceSettings();
  const database = await createDb(settings.databaseUrl ? { url: settings.databaseUrl } : { dataDir: settings.dataDir ?? ".tributary" });
  await migrate(database.db);
  const deps = createSyncDeps({ ...settings, db: database.db });
  const inngest = createInngestClient({
    // Without an event key the console talks to a dev server (inngest-local or `inngest dev`).
    isDev: env.INNGEST_DEV ?? !env.INNGEST_EVENT_KEY,
    ...(env.INNGEST_BASE_URL ? { baseUrl: env.INNGEST_BASE_URL } : {}),
    ...(env.INNGEST_EVENT_KEY ? { eventKey: env.INNGEST_EVENT_KEY } : {}),
    // Which runs worked on which sync job, for the job page's links (on any Inngest server).
    onRunStart: (run) => recordJobRun(database.db, run),
  });
  const workspaceId = await ensureWorkspace(database.db, "default");
  const store = await ensureStore(database.db, workspaceId, storeSpecFor(settings.embedding, settings.pinecone ? "pinecone" : "pgvector"));
  return { database, deps, inngest, functions: createFunctions(inngest, deps), workspaceId, store };
}
