import { createDb, migrate, type Database, type StoreRow } from "@repo/console-db";
import { InngestLocal, type Logger } from "@repo/inngest-local";
import { serve } from "inngest/edge";
import { setImmediate as nextMacrotask } from "node:timers/promises";
import { createInngestClient, type TributaryInngest, type TributaryInngestOptions } from "../client";
import { createFunctions } from "../functions";
import { ensureStore, ensureWorkspace } from "../sync/catalog";
import { expireLeasesAfterRestart } from "../sync/lease";
import { sweepStaging } from "../sync/stage";
import { createSyncDeps, type RuntimeConfig } from "./create-deps";
import { recordJobRun } from "./job-runs";
import { storeSpecFor } from "./store-spec";

export interface EmbeddedRuntimeOptions extends Omit<RuntimeConfig, "db"> {
  /** Postgres URL; without it, PGlite in `dataDir` (or in memory). */
  databaseUrl?: string;
  dataDir?: string;
  /** A PGlite data-directory template (writePgliteTemplate) that a new `dataDir` starts from instead of initdb. */
  dataDirTemplate?: string;
  workspace?: string;
  logger?: Logger;
  /** The Inngest SDK's logger; the SDK logs to the console by default. */
  sdkLogger?: TributaryInngestOptions["logger"];
  clock?: "real" | "virtual";
  /** Step calls in flight at once (inngest-local's maxInFlight). */
  maxInFlight?: number;
  /** Where inngest-local journals its runs, so a restart resumes them (in memory when unset). */
  runsDir?: string;
  /**
   * Close jobs and expire leases left by an earlier process. Only right when that process's runs
   * died with it: on by default for a PGlite data directory (one process at a time) whose runs
   * lived in memory (no `runsDir`); off for Postgres, which processes with live runs may share,
   * and when runs are journalled (they resume instead).
   */
  recoverInterruptedJobs?: boolean;
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
  const database = await createDb(
    options.databaseUrl
      ? { url: options.databaseUrl }
      : options.dataDir
        ? // PGlite's small buffer pool (8 MB, 8 connection slots): its shared memory is zeroed, so
          // resident, at every start, by baseline-compiled WebAssembly (~4 ms per MB). Against 32 MB
          // and Postgres's 100 slots (42 MB zeroed) it cut bench:cli's full-sync peak RSS by ~40–60 MiB,
          // its sync time the same within the noise; the table files stay in the OS page cache.
          // WAL buffers of 4 MB (the default pool's), not the small pool's 256 kB: a sync's WAL
          // goes out in ~1,000 writes instead of ~26,000 (createDb's walBuffers).
          { dataDir: options.dataDir, smallBufferPool: true, walBuffers: "4MB", ...(options.dataDirTemplate ? { template: options.dataDirTemplate } : {}) }
        : { memory: true },
  );
  try {
    await migrate(database.db);
    if (options.recoverInterruptedJobs ?? (database.kind === "pglite" && options.dataDir !== undefined && options.runsDir === undefined)) {
      await expireLeasesAfterRestart(database.db, new Date());
      await sweepStaging(database.db);
    }
    const local = new InngestLocal({
      clock: options.clock ?? "real",
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.maxInFlight ? { maxInFlight: options.maxInFlight } : {}),
      ...(options.runsDir ? { dataDir: options.runsDir } : {}),
    });
    const inngest = createInngestClient({
      isDev: true,
      baseUrl: "http://inngest-local",
      // A checkpointing SDK runs several steps per call and posts each result through this fetch:
      // yielding here too keeps progress and Ctrl-C responsive between those steps.
      fetch: async (input, init) => {
        await nextMacrotask();
        return local.fetch(input, init);
      },
      onRunStart: (run) => recordJobRun(database.db, run),
      ...(options.sdkLogger ? { logger: options.sdkLogger } : {}),
    });
    const deps = createSyncDeps({ ...options, db: database.db });
    const handler = serve({ client: inngest, functions: createFunctions(inngest, deps) });
    // PGlite answers queries without returning to the event loop, so a step is one long chain
    // of microtasks; yielding a macrotask before every step call lets timers (progress) and
    // signals (Ctrl-C) of the embedding process run between steps.
    await local.register({
      handler: async (request: Request) => {
        await nextMacrotask();
        return handler(request);
      },
    });
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
