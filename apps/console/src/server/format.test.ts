import type { SourceRow, SyncJobRow } from "@repo/console-db";
import { describe, expect, it } from "vitest";
import { commitUrl, describeSchedule, fileUrl, formatDuration, isItemSource, jobEta, shortCommit, sourceStatus } from "./format";

type Job = SyncJobRow;
type Source = SourceRow;

const started = new Date("2026-01-01T00:00:00Z");
const job = (fields: Partial<Job>) =>
  ({ status: "running", batchesTotal: 0, batchesDone: 0, batchesFailed: 0, startedAt: started, createdAt: started, finishedAt: null, ...fields }) as Job;
const source = (fields: Partial<Source>) =>
  ({ provider: "github", status: "active", fullName: "acme/widgets", location: "https://github.example.com/acme/widgets", ...fields }) as Source;

describe("format", () => {
  it("shows an item source's whole cursor digest and links no commit; a repository's short sha", () => {
    const linear = source({ provider: "linear", fullName: "linear:ENG", location: "linear:ENG" });
    expect(isItemSource(linear)).toBe(true);
    expect(isItemSource(source({}))).toBe(false);
    expect(shortCommit(linear, "cursor:0123456789abcdef")).toBe("cursor:0123456789abcdef");
    expect(commitUrl(linear, "cursor:0123456789abcdef")).toBeUndefined();
    expect(shortCommit(source({}), "a".repeat(40))).toBe("aaaaaaa");
  });

  it("estimates the time left from the batch rate so far, and only while it can", () => {
    const at = (seconds: number) => started.getTime() + seconds * 1000;
    // 3 of 12 batches (one failed) in 30 s: 9 left at 10 s each.
    expect(jobEta(job({ batchesTotal: 12, batchesDone: 2, batchesFailed: 1 }), at(30))).toBe(90_000);
    expect(jobEta(job({ batchesTotal: 12 }), at(30))).toBeUndefined();
    expect(jobEta(job({ batchesTotal: 12, batchesDone: 12 }), at(30))).toBeUndefined();
    expect(jobEta(job({ batchesTotal: 12, batchesDone: 3, finishedAt: new Date(at(40)) }), at(50))).toBeUndefined();
  });

  it("reads a source's status from its newest job", () => {
    expect(sourceStatus(source({ syncedCommit: null }), undefined)).toBe("queued");
    expect(sourceStatus(source({ syncedCommit: "abc" }), undefined)).toBe("idle");
    expect(sourceStatus(source({}), job({ status: "queued" }))).toBe("queued");
    expect(sourceStatus(source({}), job({ status: "running" }))).toBe("syncing");
    expect(sourceStatus(source({}), job({ status: "succeeded" }))).toBe("idle");
    expect(sourceStatus(source({}), job({ status: "failed" }))).toBe("failed");
    expect(sourceStatus(source({}), job({ status: "partial" }))).toBe("partial");
    expect(sourceStatus(source({ status: "paused" }), job({ status: "running" }))).toBe("paused");
  });

  it("links files and commits on the repository's own host; local sources get no link", () => {
    expect(fileUrl(source({}), "abc123", "src/a b.ts", { start: 3, end: 9 })).toBe("https://github.example.com/acme/widgets/blob/abc123/src/a%20b.ts#L3-L9");
    expect(commitUrl(source({}), "abc123")).toBe("https://github.example.com/acme/widgets/commit/abc123");
    expect(fileUrl(source({ provider: "local", location: "/src/widgets" }), "abc123", "a.ts")).toBeUndefined();
  });

  it("formats durations for people", () => {
    expect([formatDuration(4_400), formatDuration(65_000), formatDuration(3_720_000)]).toEqual(["4s", "1m 5s", "1h 2m"]);
  });
});

describe("describeSchedule", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  it("names the interval, where it comes from and the next check", () => {
    expect(describeSchedule({ intervalMinutes: 60, intervalFrom: "settings", nextRunAt: new Date("2026-01-01T12:55:00Z") }, now)).toEqual({
      interval: "every 60 min",
      next: "2026-01-01 12:55:00 UTC",
    });
    expect(describeSchedule({ intervalMinutes: 15, intervalFrom: "tributary.yml", nextRunAt: new Date(now - 1) }, now)).toEqual({
      interval: "every 15 min (tributary.yml)",
      next: "due at the next tick",
    });
    expect(describeSchedule({ intervalMinutes: 60, intervalFrom: "settings", nextRunAt: null }, now).next).toBe("not scheduled");
  });
});
