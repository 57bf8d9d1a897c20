import { describe, expect, it } from "vitest";
import { estimateRemainingMs, formatDuration, renderBar } from "./progress";

const snapshot = { phase: "indexing", planned: 100, fetched: 100, chunked: 50, embedded: 40, indexed: 50, done: 50, elapsedMs: 10_000 };

describe("progress", () => {
  it("estimates the remaining time from the rate so far", () => {
    expect(estimateRemainingMs(snapshot)).toBe(10_000);
    expect(estimateRemainingMs({ ...snapshot, done: 0 })).toBeUndefined();
  });

  it("renders a bar with counts and an ETA", () => {
    const bar = renderBar(snapshot, 10);
    expect(bar).toContain("[█████░░░░░] 50/100 files");
    expect(bar).toContain("ETA 10s");
  });

  it("formats durations", () => {
    expect(formatDuration(59_400)).toBe("59s");
    expect(formatDuration(61_000)).toBe("1m01s");
    expect(formatDuration(3_660_000)).toBe("1h01m");
  });
});
