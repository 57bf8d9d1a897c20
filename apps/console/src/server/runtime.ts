import { addMember, createDb, migrate, setWorkspaceOrg, type Database } from "@repo/console-db";
import {
  configureCpuPool,
  cpuPool,
  createFunctions,
  createInngestClient,
  createSyncDeps,
  SHARED_CONNECTION_WRITE_SIZES,
  ensureStore,
  ensureWorkspace,
  recordJobRun,
  storeSpecFor,
  type StoreRow,
  type SyncDeps,
  type TributaryInngest,
} from "@repo/console-inngest";
import { env } from "../env";
import { startDbTrace } from "./db-trace";
import { inngestSettings } from "./deployment";
import { cpuWorkerFile } from "./cpu-worker-file";
import { pgliteWorkerFile } from "./pglite-worker-file";
import { serviceSettings } from "./settings";

export interface ConsoleRuntime {
  database: Database;
  deps: SyncDeps;
  inngest: TributaryInngest;
  functions: ReturnType<typeof createFunctions>;
  /** The default workspace: the CLI's sources live here, and embedded mode's single user owns it. */
  workspaceId: string;
  /** The store of a workspace for this process's embedding settings (created on first use). */
  storeFor(workspaceId: string): Promise<StoreRow>;
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
  await startCpuPool();
  const database = await createDb(
    settings.databaseUrl
      ? { url: settings.databaseUrl }
      : {
          dataDir: settings.dataDir ?? ".tributary",
          // PGlite's WASM on its own thread: a sync's statements never stall this thread's pages and webhooks.
          ...workerOptions(),
          ...(env.TRIBUTARY_DB_TRACE ? { onOperation: startDbTrace() } : {}),
        },
  );
  await migrate(database.db);
  const deps = createSyncDeps({
    ...settings,
    db: database.db,
    // PGlite has one connection: pages and webhook deliveries wait behind the sync's writes, so they are kept short.
    ...(settings.databaseUrl ? {} : { writeSizes: SHARED_CONNECTION_WRITE_SIZES }),
  });
  const { isDev, baseUrl, eventKey } = inngestSettings();
  const inngest = createInngestClient({
    isDev,
    ...(baseUrl ? { baseUrl } : {}),
    ...(eventKey ? { eventKey } : {}),
    // Which runs worked on which sync job, for the job page's links (on any Inngest server).
    onRunStart: (run) => recordJobRun(database.db, run),
  });
  const workspaceId = await ensureWorkspace(database.db, "default");
  // Who administers a team deployment is configuration: owners by GitHub login, and optionally
  // a GitHub organisation whose members are admitted to the default workspace.
  for (const login of env.TRIBUTARY_OWNERS ?? []) await addMember(database.db, { workspaceId, githubLogin: login, role: "owner", invitedBy: "config" });
  if (env.TRIBUTARY_GITHUB_ORG) await setWorkspaceOrg(database.db, workspaceId, env.TRIBUTARY_GITHUB_ORG);
  const spec = storeSpecFor(settings.embedding, settings.pinecone ? "pinecone" : "pgvector");
  const stores = new Map<string, Promise<StoreRow>>();
  const storeFor = (id: string) => {
    const store = stores.get(id) ?? ensureStore(database.db, id, spec);
    stores.set(id, store);
    store.catch(() => stores.delete(id));
    return store;
  };
  await storeFor(workspaceId);
  return { database, deps, inngest, functions: createFunctions(inngest, deps), workspaceId, storeFor };
}

/**
 * Chunking and local embedding on worker threads, from the bundled worker. One worker starts now
 * (an empty task), off the first sync's path; if none can, the pool runs inline and says so once.
 */
async function startCpuPool(): Promise<void> {
  const workerEntry = cpuWorkerFile();
  if (workerEntry) await configureCpuPool({ workerEntry });
  void cpuPool()
    .run("chunkFiles", { files: [], options: { maxTokens: 200, overlapTokens: 0 } })
    .then(() => {
      if (workerEntry && cpuPool().mode() === "inline")
        process.stderr.write(`[tributary] chunking and embedding run on the request thread: no CPU worker could start from ${workerEntry}\n`);
    })
    .catch(() => {});
}

function workerOptions(): { worker: true; workerFile: string } | Record<string, never> {
  const workerFile = pgliteWorkerFile();
  return workerFile ? { worker: true, workerFile } : {};
}
