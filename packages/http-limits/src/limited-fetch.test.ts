import { FakeHttpServer } from "@repo/testing/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestTimeoutError, ResponseTooLargeError, findHttpLimitError } from "./errors";
import { limitedFetch } from "./limited-fetch";

const server = new FakeHttpServer();
// One path per test, so a request that arrives late (a loaded machine) cannot take another test's fault.
server.route("GET", "/ok/:test", () => ({ status: 200, body: { ok: true } }));
server.route("GET", "/big/:n", (req) => ({ status: 200, body: { filler: "a".repeat(Number(req.params.n)) } }));
beforeAll(async () => void (await server.start()));
afterAll(() => server.stop());

const TIMEOUT_MS = 500;
// Calls expected to succeed get a generous limit: the test machine may be heavily loaded.
const fetchWith = (overrides: Partial<Parameters<typeof limitedFetch>[0]> = {}) =>
  limitedFetch({ service: "Fake", timeoutMs: 10_000, maxResponseBytes: 10_000, ...overrides });

/** Runs a call and measures how long it took to settle (the clock starts before the call does). */
async function timed(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - start };
}

describe("limitedFetch", () => {
  it("passes ordinary answers through unchanged", async () => {
    const response = await fetchWith()(`${server.url}/ok/plain?key=abc`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get("content-length")).toBe(String(JSON.stringify({ ok: true }).length));
  });

  it.each(["headers", "body"] as const)("fails a service that hangs (%s) within the timeout, as a retryable error", async (stall) => {
    server.failNext({ status: 200, times: 1, stall, pathIncludes: `/ok/stall-${stall}` });
    const { error, ms } = await timed(() => fetchWith({ timeoutMs: TIMEOUT_MS })(`${server.url}/ok/stall-${stall}?key=secret-in-query`).then((r) => r.text()));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ retryable: true, code: "timeout", message: expect.stringContaining(`sent nothing for ${TIMEOUT_MS} ms`) });
    expect(String((error as Error).message)).not.toContain("secret-in-query");
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 10_000);
  });

  it.each([true, false])("refuses a body over the cap (content-length declared: %s), as a final error", async (declareLength) => {
    server.failNext({ status: 200, times: 1, oversizeBytes: 200_000, declareLength, pathIncludes: `/ok/oversize-${declareLength}` });
    const { error } = await timed(() => fetchWith()(`${server.url}/ok/oversize-${declareLength}`).then((r) => r.text()));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ retryable: false, code: "response-too-large", message: expect.stringContaining("more than 10000 bytes") });
  });

  it("enforces the cap on a streamed body while it is consumed, and lets smaller streams through", async () => {
    const streaming = fetchWith({ streamFor: () => true, maxBytesFor: (url) => (url.includes("/big/") ? 50_000 : 10_000) });
    expect((await (await streaming(`${server.url}/big/40000`)).text()).length).toBeGreaterThan(40_000);
    await expect(streaming(`${server.url}/big/60000`)).rejects.toBeInstanceOf(ResponseTooLargeError);
    // Without a content-length the size shows only while reading.
    server.failNext({ status: 200, times: 1, oversizeBytes: 60_000, pathIncludes: "/big/" });
    const response = await streaming(`${server.url}/big/1`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("never times out a slow consumer of a stream, only a silent service", async () => {
    const streaming = fetchWith({ streamFor: () => true, maxResponseBytes: 1_000_000, timeoutMs: 1_500 });
    const reader = (await streaming(`${server.url}/big/200000`)).body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    let total = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) total += chunk.value.byteLength;
    expect(total).toBeGreaterThan(0);
  });

  it("keeps a caller's own abort as it is", async () => {
    server.failNext({ status: 200, times: 1, stall: "headers", pathIncludes: "/ok/caller-abort" });
    const caller = new AbortController();
    setTimeout(() => caller.abort(), 50);
    const { error, ms } = await timed(() => fetchWith({ timeoutMs: 60_000 })(`${server.url}/ok/caller-abort`, { signal: caller.signal }));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(ms).toBeLessThan(30_000);
  });

  it("finds a limit error wrapped by an SDK", () => {
    const limit = new RequestTimeoutError("Fake", 1, "response", "http://x/y");
    const wrapped = new Error("Connection error.", { cause: new TypeError("fetch failed", { cause: limit }) });
    expect(findHttpLimitError(wrapped)).toBe(limit);
    expect(findHttpLimitError(new Error("other"))).toBeUndefined();
  });
});
