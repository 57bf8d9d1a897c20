import { setImmediate as nextMacrotask } from "node:timers/promises";
import { createDb, migrate } from "@repo/console-db";
import { APP_ID, createFunctions, createSyncDeps, ensureStore, ensureWorkspace, storeSpecFor, type EmbeddedRuntime, type TributaryInngest } from "@repo/console-inngest";
import { InngestLocal, jsonLinesLogger, type FetchHandler } from "@repo/inngest-local";
import { Inngest } from "inngest";
import { serve } from "inngest/edge";
import type { RuntimeSettings } from "../config/services";

const SILENT = { info() {}, warn() {}, error() {}, debug() {} };

/** Step calls in flight at once: one computes while the other waits on git or the network. */
const MAX_IN_FLIGHT = 2;

/**
 * The embedded runtime (what console-inngest's startEmbeddedRuntime assembles), tuned for an
 * interactive process. PGlite answers queries without returning to the event loop, so a step
 * that chunks, embeds and writes runs as one long chain of microtasks during which timers and
 * signals wait. Two things keep the CLI responsive: every step call first yields a macrotask
 * (progress polls and Ctrl-C get their turn between steps), and at most MAX_IN_FLIGHT calls
 * run at once (so a turn comes after one or two steps, not after every batch in flight).
 */
export async function startRuntime(settings: RuntimeSettings, options: { debug?: boolean } = {}): Promise<EmbeddedRuntime> {
  const database = await createDb(settings.databaseUrl ? { url: settings.databaseUrl } : settings.dataDir ? { dataDir: settings.dataDir } : { memory: true });
  try {
    await migrate(database.db);
    const debug = options.debug === true;
    const local = new InngestLocal({ clock: "real", maxInFlight: MAX_IN_FLIGHT, ...(debug ? { logger: jsonLinesLogger((line) => process.stderr.write(`${line}\n`)) } : {}) });
    // Failures reach the user through the job's error and the CLI's message; the SDK's own
    // console logging (a stack per retry) is only for TRIBUTARY_DEBUG.
    const inngest: TributaryInngest = new Inngest({ id: APP_ID, isDev: true, baseUrl: "http://inngest-local", fetch: local.fetch, logger: debug ? console : SILENT });
    const deps = createSyncDeps({ ...settings, db: database.db });
    const handler = serve({ client: inngest, functions: createFunctions(inngest, deps) });
    const yielding: FetchHandler = async (request) => {
      await nextMacrotask();
      return handler(request);
    };
    await local.register({ handler: yielding });
    const workspaceId = await ensureWorkspace(database.db, settings.workspace ?? "default");
    const store = await ensureStore(database.db, workspaceId, storeSpecFor(settings.embedding, settings.pinecone ? "pinecone" : "pgvector"));
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
