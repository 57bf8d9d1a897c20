import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestLocal } from "./inngest-local";
import type { LogRecord } from "./logger";

// What a web page can make a visitor's browser send to 127.0.0.1:8288 without a CORS preflight,
// and what a DNS-rebinding page sends: none of it may become an event.
describe("inngest-local's HTTP API refuses cross-site requests", () => {
  const log: LogRecord[] = [];
  const local = new InngestLocal({ clock: "virtual", logger: (record) => log.push(record) });
  let url: string;
  beforeAll(async () => {
    url = await local.start({ port: 0, crons: false });
  });
  afterAll(() => local.stop());

  // One event id throughout: inngest-local drops a repeated id, so if any refused request had
  // been ingested, the accepted one at the end would be logged as a duplicate.
  const event = JSON.stringify([{ name: "forged/event", id: "evt-1", data: {} }]);
  const send = (headers: Record<string, string>, body: string | URLSearchParams = event) => fetch(`${url}/e/anykey`, { method: "POST", headers, body });
  const deduplicated = () => log.filter((r) => r.kind === "event" && r.outcome === "deduplicated").length;

  it("accepts the SDK's JSON requests and refuses text/plain, form and foreign-origin ones", async () => {
    expect((await send({ "content-type": "text/plain" })).status).toBe(415);
    expect((await send({ "content-type": "application/x-www-form-urlencoded" }, new URLSearchParams({ x: event }))).status).toBe(415);
    expect((await send({ "content-type": "multipart/form-data; boundary=x" })).status).toBe(415);
    expect((await send({ "content-type": "application/json", origin: "https://evil.test" })).status).toBe(403);
    expect((await send({ "content-type": "application/json", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(
      (
        await fetch(`${url}/v1/apps/sync`, {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ url: "http://evil.test/api/inngest" }),
        })
      ).status,
    ).toBe(415);

    const ok = await send({ "content-type": "application/json" });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ids: string[] }).ids).toHaveLength(1);
    expect(deduplicated()).toBe(0);
    // Same-origin JSON (the runs UI, a tool on this machine) still works: here, the repeat of evt-1.
    expect((await send({ "content-type": "application/json", origin: url })).status).toBe(200);
    expect(deduplicated()).toBe(1);
  });

  it("refuses a request addressed to a non-loopback host name (DNS rebinding)", async () => {
    const { port } = new URL(url);
    // fetch cannot forge Host; a raw request can, as a rebinding browser would send it.
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/e/key",
          method: "POST",
          headers: { host: `evil.test:${port}`, origin: `http://evil.test:${port}`, "content-type": "application/json" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(event);
    });
    expect(status).toBe(403);
    expect(deduplicated()).toBe(1);
  });
});
