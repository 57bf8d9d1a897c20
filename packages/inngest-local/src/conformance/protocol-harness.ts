import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve as serveEdge } from "inngest/edge";
import { serve as serveNode } from "inngest/node";
import { InngestLocal, type InngestLocalOptions } from "../inngest-local";

const quietLogger = { info() {}, warn() {}, error() {}, debug() {} };

/** An app like the conformance harness's, plus a record of every request the SDK made to the executor. */
export interface ObservedApp {
  local: InngestLocal;
  client: Inngest;
  /** "METHOD /path" of each SDK request to inngest-local (Event API, checkpoint API, state API, …). */
  sdkRequests: string[];
  /** `stepId` query and status of each call inngest-local made to the serve handler. */
  calls: Array<{ stepId: string; status: number }>;
  close(): Promise<void>;
}

type Build = (client: Inngest) => InngestFunction.Any[];

const recordingFetch =
  (log: string[], inner: typeof fetch): typeof fetch =>
  (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    log.push(`${init?.method ?? (input instanceof Request ? input.method : "GET")} ${url.pathname}`);
    return inner(input, init);
  };

export async function observedInProcess(build: Build, options: InngestLocalOptions = {}): Promise<ObservedApp> {
  const local = new InngestLocal({ clock: "virtual", ...options });
  const sdkRequests: string[] = [];
  const calls: ObservedApp["calls"] = [];
  const client = new Inngest({
    id: "protocol",
    isDev: true,
    logger: quietLogger,
    baseUrl: "http://inngest-local.invalid",
    fetch: recordingFetch(sdkRequests, local.fetch),
  });
  const handler = serveEdge({ client, functions: build(client) });
  await local.register({
    handler: async (request) => {
      const response = await handler(request);
      const stepId = new URL(request.url).searchParams.get("stepId");
      if (stepId) calls.push({ stepId, status: response.status });
      return response;
    },
  });
  return { local, client, sdkRequests, calls, close: () => local.stop() };
}

export async function observedOverHttp(build: Build, options: InngestLocalOptions = {}): Promise<ObservedApp> {
  const local = new InngestLocal({ clock: "virtual", ...options });
  const executorUrl = await local.start({ port: 0, crons: false });
  const sdkRequests: string[] = [];
  const calls: ObservedApp["calls"] = [];
  const client = new Inngest({ id: "protocol", isDev: true, logger: quietLogger, baseUrl: executorUrl, fetch: recordingFetch(sdkRequests, fetch) });
  const serveApp = serveNode({ client, functions: build(client) });
  const app = http.createServer((req, res) => {
    const stepId = new URL(req.url ?? "/", "http://app").searchParams.get("stepId");
    res.on("finish", () => stepId && calls.push({ stepId, status: res.statusCode }));
    void serveApp(req, res);
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const { port } = app.address() as AddressInfo;
  await local.sync(`http://127.0.0.1:${port}/api/inngest`);
  return {
    local,
    client,
    sdkRequests,
    calls,
    async close() {
      await local.stop();
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    },
  };
}

export const observedApps = [
  { name: "in-process", setup: observedInProcess },
  { name: "http", setup: observedOverHttp },
];
