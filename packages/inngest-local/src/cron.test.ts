import { describe, expect, it } from "vitest";
import { parseCron } from "./cron";
import { parseDuration, resolveTime } from "./duration";

const at = (iso: string) => Date.parse(iso);

describe("cron", () => {
  it("finds the next matching minute in UTC", () => {
    expect(parseCron("*/15 * * * *").next(at("2025-01-01T10:07:30Z"))).toBe(at("2025-01-01T10:15:00Z"));
    expect(parseCron("0 3 * * 1").next(at("2025-01-01T00:00:00Z"))).toBe(at("2025-01-06T03:00:00Z"));
    expect(parseCron("TZ=UTC 30 9 1,15 * *").next(at("2025-01-02T00:00:00Z"))).toBe(at("2025-01-15T09:30:00Z"));
  });

  it("refuses specs it would run at the wrong time", () => {
    expect(() => parseCron("TZ=Europe/Paris 0 9 * * *")).toThrow(/only UTC/);
    expect(() => parseCron("0 0 9 * * *")).toThrow(/5 fields/);
    expect(() => parseCron("61 * * * *")).toThrow(/out of range/);
  });
});

describe("durations", () => {
  it("parses the SDK's time strings and ISO dates", () => {
    expect(parseDuration("1w2d3h4m5s")).toBe(((7 + 2) * 24 * 3600 + 3 * 3600 + 4 * 60 + 5) * 1000);
    expect(resolveTime("2030-01-01T00:00:00.000Z", 0)).toBe(at("2030-01-01T00:00:00Z"));
    expect(() => parseDuration("soon")).toThrow(/invalid duration/);
  });
});
