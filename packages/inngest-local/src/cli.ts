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
    // Runs, events and dedup keys survive a restart (or a kill -9) when kept in a directory.
    "data-dir": { type: "string", short: "d" },
    protocol: { type: "string", default: "checkpoint" },
  },
});

if (values.protocol !== "checkpoint" && values.protocol !== "legacy") {
  process.stderr.write(`--protocol must be "checkpoint" (Inngest's default) or "legacy", not "${values.protocol}"\n`);
  process.exit(2);
}

const { url, stop } = await startServer({
  port: Number(values.port),
  host: values.host,
  appUrls: values.url,
  logger: values.quiet ? () => {} : jsonLinesLogger(),
  protocol: values.protocol,
  ...(values["data-dir"] ? { dataDir: values["data-dir"] } : {}),
});
process.stderr.write(`inngest-local listening on ${url} (runs UI ${url}/, Event API ${url}/e/:key, REST ${url}/v1/runs)\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stop().then(() => process.exit(0));
  });
}
