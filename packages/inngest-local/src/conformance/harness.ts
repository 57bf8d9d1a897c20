import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve as serveEdge } from "inngest/edge";
import { serve as serveNode } from "inngest/node";
import type { ProtocolMode } from "../executor";
import { InngestLocal, type InngestLocalOptions } from "../inngest-local";

/** One way of reaching the app: the suite runs once per transport. */
export interface Harness {
  name: string;
  setup(build: (client: Inngest) => InngestFunction.Any[], options?: InngestLocalOptions): Promise<TestApp>;
}

export interface TestApp {
  local: InngestLocal;
  client: Inngest;
  close(): Promise<void>;
}

const quietLogger = { info() {}, warn() {}, error() {}, debug() {} };

/** The serve handler is called as a function; the client reaches the executor through `local.fetch`. */
const inProcess = (protocol: ProtocolMode): Harness => ({
  name: `in-process, ${protocol}`,
  async setup(build, options) {
    const local = new InngestLocal({ clock: "virtual", protocol, ...options });
    const client = new Inngest({ id: "conformance", isDev: true, logger: quietLogger, baseUrl: "http://inngest-local.invalid", fetch: local.fetch });
    await local.register({ handler: serveEdge({ client, functions: build(client) }) });
    return { local, client, close: () => local.stop() };
  },
});

/** A real node:http app serving `serve()` from "inngest/node", and the executor's API on its own port. */
const overHttp = (protocol: ProtocolMode): Harness => ({
  name: `http, ${protocol}`,
  async setup(build, options) {
    const local = new InngestLocal({ clock: "virtual", protocol, ...options });
    const executorUrl = await local.start({ port: 0, crons: false });
    const client = new Inngest({ id: "conformance", isDev: true, logger: quietLogger, baseUrl: executorUrl });
    const app = http.createServer(serveNode({ client, functions: build(client) }));
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const { port } = app.address() as AddressInfo;
    await local.sync(`http://127.0.0.1:${port}/api/inngest`);
    return {
      local,
      client,
      async close() {
        await local.stop();
        app.closeAllConnections();
        await new Promise((resolve) => app.close(resolve));
      },
    };
  },
});

export const inProcessHarness = inProcess("checkpoint");
export const httpHarness = overHttp("checkpoint");

/**
 * Every conformance test runs four times: in-process and over HTTP, each in checkpointing mode
 * (the default, how Inngest Cloud and `inngest dev` call functions) and in the legacy mode.
 */
export const harnesses = [inProcessHarness, httpHarness, inProcess("legacy"), overHttp("legacy")];
