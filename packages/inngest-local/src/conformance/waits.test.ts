import { afterEach, describe, expect, it } from "vitest";
import { harnesses, type TestApp } from "./harness";

describe.each(harnesses)("waitForEvent and invoke ($name)", (harness) => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  const waiter = (opts: { match?: string; if?: string }) => (client: TestApp["client"]) => [
    client.createFunction({ id: "waiter", triggers: [{ event: "job/started" }] }, async ({ step }) => {
      const done = await step.waitForEvent("wait-done", { event: "job/done", timeout: "1h", ...opts } as { event: string; timeout: string; match: string });
      return done ? done.data : null;
    }),
  ];

  it("`match` resumes with the first later event whose field equals the trigger's", async () => {
    // Docs (waitForEvent): "match: the property to match… both events must have the same value at this path."
    app = await harness.setup(waiter({ match: "data.jobId" }));
    await app.client.send({ name: "job/started", data: { jobId: "j1" } });
    await app.local.waitForIdle();
    await app.client.send([
      { name: "job/done", data: { jobId: "other", n: 1 } },
      { name: "job/done", data: { jobId: "j1", n: 2 } },
    ]);
    await app.local.runUntilIdle();
    expect(app.local.runs()[0]?.output).toEqual({ jobId: "j1", n: 2 });
  });

  it("`if` expressions compare `event` (the trigger) with `async` (the awaited event)", async () => {
    // Docs (waitForEvent): "if: an expression… `event` is the triggering event and `async` the event being matched."
    app = await harness.setup(waiter({ if: "event.data.jobId == async.data.jobId && async.data.ok == true && async.data.kind != 'noise'" }));
    await app.client.send({ name: "job/started", data: { jobId: 7 } });
    await app.local.waitForIdle();
    await app.client.send([
      { name: "job/done", data: { jobId: 7, ok: false, kind: "x" } },
      { name: "job/done", data: { jobId: 7, ok: true, kind: "noise" } },
      { name: "job/done", data: { jobId: 7, ok: true, kind: "real" } },
    ]);
    await app.local.runUntilIdle();
    expect(app.local.runs()[0]?.output).toEqual({ jobId: 7, ok: true, kind: "real" });
  });

  it("resolves to null on timeout", async () => {
    // Docs (waitForEvent): "If the event is not received before the timeout, the step returns null."
    app = await harness.setup(waiter({ match: "data.jobId" }));
    await app.client.send({ name: "job/started", data: { jobId: "j1" } });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.status).toBe("completed");
    expect(run?.output).toBeNull();
  });

  it("only sees events sent after the wait began", async () => {
    // Docs (waitForEvent): "The event must be sent after the wait starts; events sent before are not matched."
    app = await harness.setup((client) => [
      client.createFunction({ id: "late", triggers: [{ event: "job/started" }] }, async ({ step }) => {
        await step.sendEvent("early-done", { name: "job/done", data: { jobId: "j1" } });
        return step.waitForEvent("wait-done", { event: "job/done", match: "data.jobId", timeout: "10m" });
      }),
    ]);
    await app.client.send({ name: "job/started", data: { jobId: "j1" } });
    await app.local.runUntilIdle();
    expect(app.local.runs()[0]?.output).toBeNull();
  });

  it("step.invoke returns the invoked function's result, and an error after its timeout", async () => {
    // Docs (invoke): "step.invoke calls another function and returns its result… with `timeout`, it throws if the function does not finish in time."
    app = await harness.setup((client) => {
      const double = client.createFunction({ id: "double", triggers: [{ event: "never/double" }] }, async ({ event }) => event.data.n * 2);
      const slow = client.createFunction({ id: "slow", triggers: [{ event: "never/slow" }] }, async ({ step }) => {
        await step.sleep("long", "2h");
        return "late";
      });
      const caller = client.createFunction({ id: "caller", triggers: [{ event: "t/invoke" }] }, async ({ step }) => {
        const doubled = await step.invoke("call-double", { function: double, data: { n: 21 } });
        const timedOut = await step.invoke("call-slow", { function: slow, data: {}, timeout: "1h" }).then(
          () => "finished",
          (err: Error) => `error: ${err.message}`,
        );
        return { doubled, timedOut };
      });
      return [double, slow, caller];
    });
    await app.client.send({ name: "t/invoke", data: {} });
    await app.local.runUntilIdle();
    const caller = app.local.runs().find((run) => run.functionId === "conformance-caller");
    expect(caller?.output).toEqual({ doubled: 42, timedOut: expect.stringContaining("timed out") });
  });
});
