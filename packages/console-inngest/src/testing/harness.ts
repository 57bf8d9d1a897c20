import { createDb, migrate, schema, type Database } from "@repo/console-db";
import { InngestLocal, type Logger } from "@repo/inngest-local";
import { eq } from "drizzle-orm";
import { serve } from "inngest/edge";
import { createInngestClient, type TributaryInngest } from "../client";
import { syncRequested } from "../events";
import { createFunctions, type FunctionOptions } from "../functions";
import { createSyncDeps, type RuntimeConfig } from "../runtime/create-deps";
import type { SyncDeps } from "../sync/deps";
import { connectedEvent, connectSource, ensureStore, ensureWorkspace, type SourceSpec, type StoreSpec } from "../sync/catalog";
import { queueSyncRequest } from "../sync/requests";

export const LOCAL_STORE: StoreSpec = {
  name: "default",
  embeddingProvider: "local",
  embeddingModel: "tributary-local-v1",
  embeddingDimensions: 384,
  vectorBackend: "pgvector",
  vectorConfig: {},
  chunking: { maxTokens: 512, overlapTokens: 0 },
};

/** A local git repository on its main branch, as the tests connect it. */
export function localSourceSpec(dir: string, name = "demo"): SourceSpec {
  return {
    provider: "local",
    externalId: dir,
    fullName: name,
    name,
    owner: null,
    location: dir,
    branch: "main",
    installationId: null,
    syncIntervalMinutes: 60,
  };
}

export interface Harness {
  database: Database;
  local: InngestLocal;
  inngest: TributaryInngest;
  workspaceId: string;
  storeId: string;
  /** The dependencies the functions run with (searchIndex takes them too). */
  deps: SyncDeps;
  connect(spec: SourceSpec): Promise<string>;
  /** Queues a sync and runs every function until nothing is left to do. */
  sync(sourceId: string, commit?: string | null): Promise<void>;
  lastJob(sourceId: string): Promise<typeof schema.syncJobs.$inferSelect>;
  close(): Promise<void>;
}

/** The real functions on inngest-local (virtual clock), PGlite in memory, and the given services. */
export interface HarnessOptions {
  runtime?: Omit<RuntimeConfig, "db">;
  store?: StoreSpec;
  /** Wraps the real dependencies (e.g. to stall a vector write at a chosen moment). */
  wrapDeps?: (deps: SyncDeps) => SyncDeps;
  /** Extra virtual time the functions see on top of the executor's clock (a pause of the world). */
  skewMs?: () => number;
  /** inngest-local's log records (runs and step attempts). */
  logger?: Logger;
  /** Silences the SDK's own error logs (fault tests fail steps on purpose, by the thousand). */
  quietSdk?: boolean;
  /** A Postgres database instead of PGlite in memory. */
  databaseUrl?: string;
  /** PGlite persisted in this directory (the embedded default) instead of in memory. */
  dataDir?: string;
  /** Crons of the scheduled functions (tests that move the clock far keep them out of the way). */
  functions?: FunctionOptions;
  /**
   * The executor's clock: "virtual" (default) jumps over sleeps and backoff whenever nothing runs;
   * "real" lets them take their time, as in production (benchmarks that time a sync).
   */
  clock?: "virtual" | "real";
}

const silentSdkLogger = { info() {}, warn() {}, error() {}, debug() {} };

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const database = await createDb(
    options.databaseUrl ? { url: options.databaseUrl, maxConnections: 4 } : options.dataDir ? { dataDir: options.dataDir } : { memory: true },
  );
  await migrate(database.db);
  const local = new InngestLocal({
    clock: options.clock ?? "virtual",
    backoff: { baseMs: 10, maxMs: 100 },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const inngest = createInngestClient({
    isDev: true,
    baseUrl: "http://inngest-local",
    fetch: local.fetch,
    ...(options.quietSdk ? { logger: silentSdkLogger } : {}),
  });
  const skew = options.skewMs ?? (() => 0);
  const base = createSyncDeps({ embedding: { provider: "local" }, now: () => new Date(local.clock.now() + skew()), ...options.runtime, db: database.db });
  const deps = options.wrapDeps ? options.wrapDeps(base) : base;
  await local.register({ handler: serve({ client: inngest, functions: createFunctions(inngest, deps, options.functions) }) });
  const workspaceId = await ensureWorkspace(database.db, "default");
  const store = await ensureStore(database.db, workspaceId, options.store ?? LOCAL_STORE);

  const harness: Harness = {
    database,
    local,
    inngest,
    workspaceId,
    storeId: store.id,
    deps,
    async connect(spec) {
      const { source } = await connectSource(database.db, workspaceId, store.id, spec);
      await inngest.send(connectedEvent(source, "test"));
      await local.runUntilIdle();
      return source.id;
    },
    async sync(sourceId, commit = null) {
      const { requestId } = await queueSyncRequest(database.db, { sourceId, commit, trigger: "manual" });
      await inngest.send(syncRequested.create({ sourceId, requestId, commit, trigger: "manual" }));
      await local.runUntilIdle();
    },
    async lastJob(sourceId) {
      const jobs = await database.db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId));
      const last = jobs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
      if (!last) throw new Error(`no job for ${sourceId}`);
      return last;
    },
    async close() {
      await local.stop();
      await database.close();
    },
  };
  return harness;
}
