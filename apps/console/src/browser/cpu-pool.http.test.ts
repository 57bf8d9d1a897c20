import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startConsole } from "./servers";

const TOKEN = "metrics-token-0123456789abcdef";

// The production build (Turbopack) rewrites the pool's `new URL(…, import.meta.url)` and has no tsx:
// only the bundled worker the console resolves at run time gives `next start` real worker threads.
describe("a built console's CPU pool", () => {
  let dataDir: string;
  let console_: Awaited<ReturnType<typeof startConsole>>;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-cpu-pool-"));
    console_ = await startConsole(await freePort(), { TRIBUTARY_DATA_DIR: dataDir, INNGEST_DEV: "1", TRIBUTARY_METRICS_TOKEN: TOKEN });
  }, 600_000);
  afterAll(async () => {
    console_?.process.kill("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("runs chunking and embedding on worker threads, not on the thread that serves requests", async () => {
    const deadline = Date.now() + 60_000;
    let metrics = "";
    // The runtime starts one worker when it opens (the first request); "starting" until it answers.
    while (Date.now() < deadline) {
      const response = await fetch(`${console_.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      metrics = await response.text();
      expect(response.status).toBe(200);
      if (!metrics.includes('tributary_cpu_pool_mode{mode="starting"} 1')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(metrics).toContain('tributary_cpu_pool_mode{mode="workers"} 1');
    expect(console_.output()).not.toContain("run on the request thread");
  }, 120_000);
});
