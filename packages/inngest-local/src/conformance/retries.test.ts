import { type FailureEventArgs, NonRetriableError, RetryAfterError } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import { harnesses, type TestApp } from "./harness";

describe.each(harnesses)("retries and failures ($name)", (harness) => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());
  // Fixed jitter makes the backoff delays exact: attempt n waits 0.75 × min(max, base × 2^(n-1)).
  const options = { random: () => 0.5, backoff: { baseMs: 1000, maxMs: 60_000 } };

  it("a step that fails twice then succeeds runs 3 times, with exponential backoff between attempts", async () => {
    // Docs (retries): "Each step is retried on error… retries use exponential backoff with jitter."
    const attempts: number[] = [];
    app = await harness.setup(
      (client) => [
        client.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "t/flaky" }] }, async ({ step, attempt }) => {
          return step.run("flaky-step", () => {
            attempts.push(attempt);
            if (attempts.length < 3) throw new Error(`boom ${attempts.length}`);
            return "ok";
          });
        }),
      ],
      options,
    );
    await app.client.send({ name: "t/flaky", data: {} });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.status).toBe("completed");
    expect(attempts).toEqual([0, 1, 2]);
    const tries = run?.steps.filter((step) => step.id === "flaky-step") ?? [];
    expect(tries.map((step) => step.outcome)).toEqual(["retrying", "retrying", "ok"]);
    expect(tries.slice(1).map((step, i) => step.at - (tries[i]?.at ?? 0))).toEqual([750, 1500]);
  });

  it("stops after `retries` + 1 attempts and runs onFailure with the original event", async () => {
    // Docs (onFailure): "onFailure is called when the function fails after all retries… it receives the original event in event.data.event."
    const attempts: number[] = [];
    const failures: unknown[] = [];
    app = await harness.setup(
      (client) => [
        client.createFunction(
          {
            id: "doomed",
            retries: 2,
            triggers: [{ event: "t/doomed" }],
            onFailure: async ({ event, error }: FailureEventArgs) => {
              failures.push({ original: event.data.event.data, message: error.message });
            },
          },
          async ({ step }) =>
            step.run("always-fails", () => {
              attempts.push(attempts.length);
              throw new Error("still broken");
            }),
        ),
      ],
      options,
    );
    await app.client.send({ name: "t/doomed", data: { sourceId: "s1" } });
    await app.local.runUntilIdle();
    expect(attempts).toHaveLength(3);
    expect(app.local.runs().find((run) => run.functionId === "conformance-doomed")?.status).toBe("failed");
    expect(failures).toEqual([{ original: { sourceId: "s1" }, message: expect.stringContaining("still broken") }]);
  });

  it("a NonRetriableError stops at once and triggers onFailure with the original event", async () => {
    // Docs (NonRetriableError): "Throwing a NonRetriableError stops retries immediately and fails the function."
    let calls = 0;
    const failures: unknown[] = [];
    app = await harness.setup((client) => [
      client.createFunction(
        {
          id: "bad-input",
          retries: 5,
          triggers: [{ event: "t/bad" }],
          onFailure: async ({ event }: FailureEventArgs) => {
            failures.push(event.data.event);
          },
        },
        async ({ step }) =>
          step.run("validate", () => {
            calls++;
            throw new NonRetriableError("config is invalid");
          }),
      ),
    ]);
    await app.client.send({ name: "t/bad", data: { repo: "r1" } });
    await app.local.runUntilIdle();
    expect(calls).toBe(1);
    const run = app.local.runs().find((candidate) => candidate.functionId === "conformance-bad-input");
    expect(run?.status).toBe("failed");
    expect(run?.error?.message).toContain("config is invalid");
    expect(failures).toEqual([expect.objectContaining({ name: "t/bad", data: { repo: "r1" } })]);
  });

  it("RetryAfterError delays the next attempt by exactly the given time", async () => {
    // Docs (RetryAfterError): "Retry after a specific time, e.g. when a rate limit resets."
    app = await harness.setup(
      (client) => [
        client.createFunction({ id: "limited", triggers: [{ event: "t/limited" }] }, async ({ step, attempt }) =>
          step.run("call-api", () => {
            if (attempt === 0) throw new RetryAfterError("rate limited", "30s");
            return attempt;
          }),
        ),
      ],
      options,
    );
    await app.client.send({ name: "t/limited", data: {} });
    await app.local.runUntilIdle();
    const tries = app.local.runs()[0]?.steps.filter((step) => step.id === "call-api") ?? [];
    expect(tries.map((step) => step.outcome)).toEqual(["retrying", "ok"]);
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBe(30_000);
  });

  it("retries errors thrown outside steps, and a caught step error lets the run continue", async () => {
    // Docs (errors): "Errors thrown in the function body are retried; a step's final error can be caught with try/catch."
    let bodyRuns = 0;
    app = await harness.setup(
      (client) => [
        client.createFunction({ id: "outside", retries: 1, triggers: [{ event: "t/outside" }] }, async ({ step, attempt }) => {
          const recovered = await step
            .run("fails-for-good", () => {
              throw new NonRetriableError("gone");
            })
            .catch(() => "recovered");
          bodyRuns++;
          if (attempt === 0) throw new Error("transient");
          return recovered;
        }),
      ],
      options,
    );
    await app.client.send({ name: "t/outside", data: {} });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.status).toBe("completed");
    expect(run?.output).toBe("recovered");
    expect(bodyRuns).toBeGreaterThanOrEqual(2);
  });
});
