#!/usr/bin/env -S npx tsx
import { parseArgs } from "node:util";
import { jsonLinesLogger } from "./logger";
import { startServer } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p", default: "8288" },
    host: { type: "string", default: "127.0.0.1" },
    url: { type: "string", short: "u", multiple: true, default: [] },
    quiet: { type: "boolean", short: "q", default: false },
  },
});

const { url, stop } = await startServer({
  port: Number(values.port),
  host: values.host,
  appUrls: values.url,
  logger: values.quiet ? () => {} : jsonLinesLogger(),
});
process.stderr.write(`inngest-local listening on ${url} (Event API ${url}/e/:key, runs ${url}/v1/runs)\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stop().then(() => process.exit(0));
  });
}
