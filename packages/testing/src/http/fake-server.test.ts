import { afterEach, describe, expect, it, onTestFinished } from "vitest";
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

  it("binds mixed :param and :rest* placeholders in path order and decorates every response", async () => {
    const fresh = new FakeHttpServer();
    fresh.route("GET", "/repos/:owner/:repo/contents/:path*", (req) => ({ status: 200, body: req.params }));
    fresh.decorate((_req, res) => ({ ...res, headers: { "x-decorated": "yes", ...res.headers } }));
    const url = await fresh.start();
    onTestFinished(() => fresh.stop());
    const ok = await fetch(`${url}/repos/acme/widgets/contents/src%2Fa.ts`);
    expect(await ok.json()).toEqual({ owner: "acme", repo: "widgets", path: "src/a.ts" });
    expect(ok.headers.get("x-decorated")).toBe("yes");
    expect((await fetch(`${url}/nowhere`)).headers.get("x-decorated")).toBe("yes");
  });
});
