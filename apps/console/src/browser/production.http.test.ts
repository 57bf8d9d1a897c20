import { request as httpRequest } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, migrate, type Database } from "@repo/console-db";
import { createTempPostgresDatabase, tableRows, type TempPostgresDatabase } from "@repo/console-db/testing";
import { FakeHttpServer } from "@repo/testing/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inngestSignature } from "~/testing/inngest-signature";
import { freePort, startConsole, startConsoleExpectingExit } from "./servers";

// `next start` as a deployment runs it: NODE_ENV=production and no INNGEST_DEV.
const SIGNING_KEY = "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const TEAM = {
  GITHUB_CLIENT_ID: "Iv1.prod-test",
  GITHUB_CLIENT_SECRET: "prod-test-secret",
  TRIBUTARY_AUTH_SECRET: "a-production-secret-that-is-long-enough-42",
  INNGEST_EVENT_KEY: "prod-event-key",
};

describe("a production console", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-prod-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("refuses to start without INNGEST_SIGNING_KEY, naming it, and answers no request", async () => {
    const port = await freePort();
    const result = await startConsoleExpectingExit(port, { ...TEAM, TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.output).toContain("Tributary refuses to start");
    expect(result.output).toContain("INNGEST_SIGNING_KEY is not set");
    // Only what is missing is named.
    expect(result.output).not.toContain("INNGEST_EVENT_KEY is not set");
    expect(result.answered).toBe(false);
  }, 180_000);

  it("names every missing setting at once, and refuses embedded mode on a public interface", async () => {
    const bare = await startConsoleExpectingExit(await freePort(), { TRIBUTARY_DATA_DIR: dataDir });
    expect(bare.code).toBe(1);
    for (const name of ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "TRIBUTARY_AUTH_SECRET"]) expect(bare.output).toContain(`${name} is not set`);
    const exposed = await startConsoleExpectingExit(await freePort(), { TRIBUTARY_DATA_DIR: dataDir, INNGEST_DEV: "1", TRIBUTARY_HOST: "0.0.0.0" });
    expect(exposed.code).toBe(1);
    expect(exposed.output).toContain("embedded mode (no GitHub sign-in) listens on 127.0.0.1 only");
  }, 180_000);

  describe("with every setting, /api/inngest", () => {
    let pg: TempPostgresDatabase;
    let database: Database;
    let inngestApi: FakeHttpServer;
    let console_: Awaited<ReturnType<typeof startConsole>>;
    let port: number;

    beforeAll(async () => {
      pg = await createTempPostgresDatabase();
      database = await createDb({ url: pg.url, maxConnections: 2 });
      await migrate(database.db);
      // Stands in for Inngest Cloud's API: an out-of-band sync would POST /fn/register here.
      inngestApi = new FakeHttpServer();
      inngestApi.route("POST", "/fn/register", () => ({ status: 200, body: { ok: true, modified: true } }));
      await inngestApi.start();
      port = await freePort();
      console_ = await startConsole(port, {
        ...TEAM,
        DATABASE_URL: pg.url,
        INNGEST_SIGNING_KEY: SIGNING_KEY,
        INNGEST_BASE_URL: inngestApi.url,
        TRIBUTARY_URL: `http://127.0.0.1:${port}`,
      });
    }, 300_000);

    afterAll(async () => {
      console_?.process.kill("SIGTERM");
      await inngestApi?.stop();
      await database?.close();
      await pg?.drop();
    });

    const activities = async () => (await tableRows(database.db, "activities")).length;
    const workspaceId = async () => (await tableRows(database.db, "workspaces"))[0]!.id;
    const callBody = async (runId: string) =>
      JSON.stringify({
        version: 2,
        event: {
          name: "tributary/activity.recorded",
          id: `evt-${runId}`,
          ts: Date.now(),
          data: { workspaceId: await workspaceId(), actor: "forger", action: "forged.write", subjectType: "source", subjectId: "src_x", data: {} },
        },
        events: [],
        steps: {},
        ctx: { run_id: runId, attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: 0 } },
      });
    const call = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${console_.url}/api/inngest?fnId=tributary-activity-record&stepId=step`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });

    it("rejects an unsigned, a wrongly signed and a text/plain POST with 401 and writes nothing", async () => {
      const body = await callBody("run-forged");
      expect((await call(body)).status).toBe(401);
      expect((await call(body, { "x-inngest-signature": inngestSignature(body, "signkey-prod-wrongwrongwrong") })).status).toBe(401);
      // The cross-site form of the attack: a simple request a web page can send.
      const simple = await fetch(`${console_.url}/api/inngest?fnId=tributary-activity-record&stepId=step`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body,
      });
      expect(simple.status).toBe(401);
      const stale = inngestSignature(body, SIGNING_KEY, new Date(Date.now() - 10 * 60_000));
      expect((await call(body, { "x-inngest-signature": stale })).status).toBe(401);
      expect(await activities()).toBe(0);
    });

    it("rejects an unsigned PUT with a forged Host with 401, registering nothing with Inngest", async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: "127.0.0.1", port, path: "/api/inngest", method: "PUT", headers: { host: "attacker.example", "content-type": "application/json" } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end("");
      });
      expect(status).toBe(401);
      const inBandUnsigned = await fetch(`${console_.url}/api/inngest`, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
        body: JSON.stringify({ url: "https://attacker.example/api/inngest" }),
      });
      expect(inBandUnsigned.status).toBe(401);
      expect(inngestApi.requests).toHaveLength(0);
    });

    it("runs a signed call and answers a signed in-band sync", async () => {
      const body = await callBody("run-signed");
      const response = await call(body, { "x-inngest-signature": inngestSignature(body, SIGNING_KEY) });
      expect([200, 206]).toContain(response.status);
      // The SDK signs its answer with the same key, as Inngest checks.
      expect(response.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
      expect(await activities()).toBe(1);

      const sync = JSON.stringify({ url: `${console_.url}/api/inngest` });
      const synced = await fetch(`${console_.url}/api/inngest`, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band", "x-inngest-signature": inngestSignature(sync, SIGNING_KEY) },
        body: sync,
      });
      expect(synced.status).toBe(200);
      const app = (await synced.json()) as { functions: Array<{ id: string }>; url: string };
      expect(app.functions.map((f) => f.id)).toContain("tributary-activity-record");
      expect(inngestApi.requests).toHaveLength(0);
    });
  });
});
