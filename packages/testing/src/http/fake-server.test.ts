import { afterEach, describe, expect, it } from "vitest";
import { FakeHttpServer } from "./fake-server";

describe("FakeHttpServer", () => {
  const server = new FakeHttpServer();
  afterEach(() => server.stop());

  it("routes with params, counts requests, injects faults and rate limits", async () => {
    server.route("GET", "/repos/:owner/:repo", (req) => ({ status: 200, body: req.params }));
    const base = await server.start();
    expect(await (await fetch(`${base}/repos/acme/widgets`)).json()).toEqual({ owner: "acme", repo: "widgets" });
    server.failNext({ status: 503, times: 1 });
    expect((await fetch(`${base}/repos/acme/widgets`)).status).toBe(503);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    server.setRateLimit({ limit: 1, windowMs: 60_000 });
    expect((await fetch(`${base}/repos/a/b`)).status).toBe(200);
    const limited = await fetch(`${base}/repos/a/b`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after-ms"))).toBeGreaterThan(0);
    expect(server.count()).toBe(5);
    expect(server.count({ status: 429 })).toBe(1);
  });
});
