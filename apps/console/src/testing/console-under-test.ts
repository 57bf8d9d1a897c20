import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type LogRecord } from "@repo/inngest-local";
import { NextRequest } from "next/server";

type RouteModule = { GET: Handler; POST: Handler; PUT: Handler };
type Handler = (request: NextRequest, context: unknown) => Promise<Response>;

/**
 * The console's runtime in this process, on a fresh PGlite data directory, with its Inngest
 * client pointed at an inngest-local server that has the console's /api/inngest synced in
 * process: events the routes send are real SDK requests, and the functions they trigger run.
 * Env is set before the first import of anything that reads `~/env`.
 */
export async function startConsoleUnderTest(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), "tributary-console-"));
  const log: LogRecord[] = [];
  const executor = await startServer({ port: 0, appUrls: [], logger: (record) => log.push(record) });
  Object.assign(process.env, { TRIBUTARY_DATA_DIR: dataDir, INNGEST_DEV: "1", INNGEST_BASE_URL: executor.url }, env);
  const inngestRoute: RouteModule = await import("~/app/api/inngest/route");
  await executor.local.register({
    url: "http://console.test/api/inngest",
    handler: (request) => inngestRoute[request.method as "GET" | "POST" | "PUT"](new NextRequest(request), {}),
  });
  const { getRuntime } = await import("~/server/runtime");
  const runtime = await getRuntime();
  return {
    runtime,
    executor,
    log,
    inngestRoute,
    /** Runs of one Tributary function (ids are prefixed with the app id). */
    runsOf: (fn: string) => executor.local.runs().filter((run) => run.functionId.endsWith(`-${fn}`)),
    async stop() {
      await executor.stop();
      await runtime.database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
