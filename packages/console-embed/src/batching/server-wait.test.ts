import { describe, expect, it } from "vitest";
import { parseDuration, serverWaitMs } from "./server-wait";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("serverWaitMs", () => {
  it("prefers retry-after-ms, then retry-after in seconds or as a date", () => {
    expect(serverWaitMs(headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(serverWaitMs(headers({ "retry-after": "2" }))).toBe(2000);
    expect(serverWaitMs(headers({ "retry-after": "0.5" }))).toBe(500);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(serverWaitMs(headers({ "retry-after": "Wed, 01 Jan 2025 00:00:03 GMT" }), now)).toBe(3000);
  });

  it("falls back to the reset of whichever OpenAI budget is exhausted", () => {
    const h = headers({
      "x-ratelimit-remaining-requests": "10",
      "x-ratelimit-reset-requests": "6m0s",
      "x-ratelimit-remaining-tokens": "0",
      "x-ratelimit-reset-tokens": "1.5s",
    });
    expect(serverWaitMs(h)).toBe(1500);
  });

  it("says nothing when the server said nothing usable", () => {
    expect(serverWaitMs(headers({}))).toBeUndefined();
    expect(serverWaitMs(headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(serverWaitMs(undefined)).toBeUndefined();
  });

  it("parses OpenAI reset durations", () => {
    expect(parseDuration("20ms")).toBe(20);
    expect(parseDuration("1h2m3.5s")).toBe(3_723_500);
    expect(parseDuration("6m0s")).toBe(360_000);
    expect(parseDuration("later")).toBeUndefined();
  });
});
