import { describe, expect, it } from "vitest";
import { parseRetryAfter, RateLimitedResponse } from "./rate-limit-fetch";
import { defaultRetryPolicy, withRetry } from "./retry";
import { createThrottle } from "./throttle";

describe("parseRetryAfter", () => {
  it("reads retry-after-ms, then seconds, then an HTTP date", () => {
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "1" }))).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "2" }))).toBe(2000);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:03 GMT" }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });
});

describe("withRetry", () => {
  const rateLimited = (ms?: number) => Object.assign(new Error("wrapped by the SDK"), { cause: new RateLimitedResponse(ms) });

  it("waits the larger of retry-after and the backoff, plus jitter, then succeeds", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      "upsert",
      { ...defaultRetryPolicy, baseDelayMs: 100, jitter: 0.5 },
      async () => {
        calls += 1;
        if (calls === 1) throw rateLimited(700);
        if (calls === 2) throw rateLimited(undefined);
        return "done";
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
    );
    expect(result).toBe("done");
    expect(waits).toEqual([700 * 1.25, 200 * 1.25]);
  });

  it("refuses to sleep through a wait longer than allowed", async () => {
    const error = await withRetry(
      "query",
      { ...defaultRetryPolicy, maxRetryAfterMs: 1000 },
      async () => {
        throw rateLimited(5000);
      },
      { sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: true, attempts: 1, message: expect.stringMatching(/asks to wait 5000 ms/) });
  });
});

describe("createThrottle", () => {
  it("never runs more than its limit at once", async () => {
    const throttle = createThrottle(3);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 30 }, () => throttle(task)));
    expect(peak).toBe(3);
  });
});
