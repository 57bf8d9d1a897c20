import { describe, expect, it } from "vitest";
import type { JobProgress } from "@repo/console-inngest";
import { createProgressReporter } from "./progress-reporter";

const progress = (over: Partial<JobProgress>): JobProgress => ({
  status: "running",
  planned: 10,
  done: 0,
  fetched: 0,
  chunked: 0,
  embedded: 0,
  indexed: 0,
  batches_done: 0,
  batches_total: 1,
  ...over,
});

function capture() {
  const lines: string[] = [];
  const stream = { write: (s: string) => lines.push(s), isTTY: false };
  return { lines, stream };
}

describe("progress reporter", () => {
  it("prints plain lines when files finish, throttling other changes", () => {
    let clock = 0;
    const { lines, stream } = capture();
    const reporter = createProgressReporter(stream, { tty: false, minGapMs: 1000, now: () => clock });
    reporter.update(progress({ fetched: 5 }));
    reporter.update(progress({ fetched: 8 }));
    reporter.update(progress({ fetched: 8, done: 4, indexed: 4 }));
    clock = 1500;
    reporter.update(progress({ fetched: 10, done: 4, indexed: 4 }));
    reporter.update(progress({ status: "succeeded", fetched: 10, done: 10, indexed: 10 }));
    expect(lines.map((l) => /done=(\d+)/.exec(l)?.[1])).toEqual(["0", "4", "4", "10"]);
    expect(lines.at(-1)).toMatch(/^succeeded: planned=10 .* done=10\/10\n$/);
  });

  it("redraws one line with a bar on a terminal and ends it on finish", () => {
    const { lines, stream } = capture();
    const reporter = createProgressReporter(stream, { tty: true, now: () => 0 });
    reporter.update(progress({ done: 5, indexed: 5 }));
    reporter.finish();
    expect(lines[0]).toMatch(/^\r\x1b\[2Kindexing +\[█+░+\] 5\/10 files/);
    expect(lines.at(-1)).toBe("\n");
  });
});
