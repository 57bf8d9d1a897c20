import { describe, expect, it } from "vitest";
import { EmbeddingError } from "../errors";
import { emptyStats } from "../stats";
import type { Clock } from "./clock";
import { DEFAULT_RETRY_POLICY, type ProviderFailure } from "./retry-policy";
import { runBatches, type BatchRunnerOptions } from "./run-batches";

// Virtual time: sleeping advances the clock at once and records the wait, so no test sleeps for real.
function virtualClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly waitMs?: number,
  ) {
    super(`HTTP ${status}`);
  }
}

const classify = (error: unknown): ProviderFailure => {
  if (!(error instanceof HttpFailure)) return { retryable: false, rateLimited: false, message: String(error) };
  const failure: ProviderFailure = {
    retryable: error.status === 429 || error.status >= 500,
    rateLimited: error.status === 429,
    status: error.status,
    message: error.message,
  };
  return error.waitMs === undefined ? failure : { ...failure, serverWaitMs: error.waitMs };
};

const options = (overrides: Partial<BatchRunnerOptions> = {}): BatchRunnerOptions => ({
  provider: "test",
  concurrency: 2,
  policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100 },
  clock: virtualClock(),
  random: () => 0.5,
  stats: emptyStats(),
  ...overrides,
});

const texts = ["a", "b", "c", "d", "e", "f"];
const batches = [
  [0, 1],
  [2, 3],
  [4, 5],
];
const vectorOf = (i: number) => [i];

describe("runBatches", () => {
  it("returns every vector in input order with bounded concurrency", async () => {
    let inFlight = 0;
    let peak = 0;
    const send = async (indexes: readonly number[]) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return { vectors: indexes.map(vectorOf), tokens: indexes.length };
    };
    const run = options();
    expect(await runBatches(texts, batches, { send, classify }, run)).toEqual(texts.map((_, i) => [i]));
    expect(peak).toBe(2);
    expect(run.stats).toMatchObject({ requests: 3, texts: 6, tokens: 6 });
  });

  it("waits what the server asks on 429 and backs off exponentially on 5xx", async () => {
    const clock = virtualClock();
    const failures = [new HttpFailure(429, 700), new HttpFailure(503), new HttpFailure(503)];
    const send = async (indexes: readonly number[]) => {
      const failure = failures.shift();
      if (failure) throw failure;
      return { vectors: indexes.map(vectorOf), tokens: 0 };
    };
    const run = options({ concurrency: 1, clock });
    await runBatches(texts, [[0, 1, 2, 3, 4, 5]], { send, classify }, run);
    // 700 from the server; then "equal jitter" with random 0.5: 3/4 of 200 and of 400.
    expect(clock.sleeps).toEqual([700, 150, 300]);
    expect(run.stats).toMatchObject({ requests: 4, retries: 3, failedRequests: 3 });
  });

  it("fails loudly, naming every text without a vector, and starts no batch after a permanent failure", async () => {
    const sent: number[][] = [];
    const send = async (indexes: readonly number[]) => {
      sent.push([...indexes]);
      if (indexes.includes(2)) throw new HttpFailure(400);
      return { vectors: indexes.map(vectorOf), tokens: 0 };
    };
    const error = (await runBatches(texts, batches, { send, classify }, options({ concurrency: 1 })).catch((e: unknown) => e)) as EmbeddingError;
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ retryable: false, status: 400, attempts: 1, indexes: [2, 3, 4, 5], texts: ["c", "d", "e", "f"] });
    expect([...error.embedded]).toEqual([
      [0, [0]],
      [1, [1]],
    ]);
    expect(sent).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it("gives up at once, retryable, when the server asks for a longer wait than allowed", async () => {
    const send = async () => {
      throw new HttpFailure(429, 120_000);
    };
    const error = (await runBatches(["a"], [[0]], { send, classify }, options()).catch((e: unknown) => e)) as EmbeddingError;
    expect(error).toMatchObject({ retryable: true, attempts: 1 });
    expect(error.message).toContain("asked to wait 120000 ms");
  });

  it("treats a wrong number of vectors as a failure, not as success", async () => {
    const send = async () => ({ vectors: [[1]], tokens: 0 });
    await expect(runBatches(["a", "b"], [[0, 1]], { send, classify }, options())).rejects.toMatchObject({ retryable: false, indexes: [0, 1] });
  });
});
