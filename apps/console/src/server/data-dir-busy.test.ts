import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Database } from "@repo/console-db";
import { NextRequest } from "next/server";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLI and the console share TRIBUTARY_DATA_DIR but PGlite is single-process: while another
// handle holds the directory, pages explain and API routes ask to retry; once free, all works.
describe("a data directory held by another process (the CLI)", () => {
  let dataDir: string;
  let holder: Database | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-console-busy-"));
    holder = await createDb({ dataDir });
    Object.assign(process.env, { TRIBUTARY_DATA_DIR: dataDir, INNGEST_DEV: "1", GITHUB_WEBHOOK_SECRET: "s" });
  });
  afterAll(async () => {
    await holder?.close();
    const { getRuntime } = await import("./runtime");
    await (await getRuntime()).database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("pages show what holds the directory and what to do, API routes answer 503 with Retry-After", async () => {
    const { runtimeForPage } = await import("~/components/runtime-gate");
    const page = await runtimeForPage();
    expect(page.runtime).toBeUndefined();
    const html = renderToStaticMarkup(page.notice!);
    expect(html).toContain(dataDir);
    expect(html).toContain(`process ${process.pid}`);
    expect(html).toContain("DATABASE_URL");

    const { POST } = await import("~/app/api/github/webhooks/route");
    const webhook = await POST(new Request("http://localhost/api/github/webhooks", { method: "POST", body: "{}" }));
    expect(webhook.status).toBe(503);
    expect(webhook.headers.get("retry-after")).toBe("30");
    const { GET } = await import("~/app/api/inngest/route");
    expect((await GET(new NextRequest("http://localhost/api/inngest"), {})).status).toBe(503);
  });

  it("opens normally on the next request once the other process let go", async () => {
    await holder?.close();
    holder = undefined;
    const { runtimeForPage } = await import("~/components/runtime-gate");
    expect((await runtimeForPage()).runtime).toBeDefined();
    const { GET } = await import("~/app/api/inngest/route");
    expect((await GET(new NextRequest("http://localhost/api/inngest"), {})).status).toBe(200);
  });
});
