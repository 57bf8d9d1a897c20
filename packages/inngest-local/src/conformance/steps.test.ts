import { afterEach, describe, expect, it } from "vitest";
import { harnesses, type TestApp } from "./harness";

describe.each(harnesses)("steps and triggers ($name)", (harness) => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  it("starts a run for each event whose name matches a trigger, honouring the trigger's `if`", async () => {
    // Docs (triggers): "Functions are triggered by events… the `if` expression filters which events trigger the function."
    app = await harness.setup((client) => [
      client.createFunction({ id: "on-push", triggers: [{ event: "repo/push", if: "event.data.branch == 'main'" }] }, async ({ event }) => event.data.sha),
    ]);
    await app.client.send([
      { name: "repo/push", data: { branch: "main", sha: "a1" } },
      { name: "repo/push", data: { branch: "dev", sha: "b2" } },
      { name: "repo/other", data: { branch: "main", sha: "c3" } },
    ]);
    await app.local.runUntilIdle();
    expect(app.local.runs().map((run) => [run.status, run.output])).toEqual([["completed", "a1"]]);
  });

  it("memoizes finished steps: a step body never runs twice in one run", async () => {
    // Docs (steps): "Each step is executed as a separate HTTP request… once a step completes, its result is memoized and it is not re-run."
    const bodies: string[] = [];
    app = await harness.setup((client) => [
      client.createFunction({ id: "memo", triggers: [{ event: "t/memo" }] }, async ({ step }) => {
        const a = await step.run("first", () => (bodies.push("first"), 2));
        const b = await step.run("second", () => (bodies.push("second"), a * 10));
        const c = await step.run("third", () => (bodies.push("third"), b + 1));
        return c;
      }),
    ]);
    await app.client.send({ name: "t/memo", data: {} });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.output).toBe(21);
    expect(bodies).toEqual(["first", "second", "third"]);
  });

  it("runs parallel steps (Promise.all) once each and resumes with both results", async () => {
    // Docs (parallel steps): "Steps can be run in parallel with Promise.all… each step is executed in its own request."
    const bodies: string[] = [];
    app = await harness.setup((client) => [
      client.createFunction({ id: "par", triggers: [{ event: "t/par" }] }, async ({ step }) => {
        const [a, b] = await Promise.all([step.run("a", () => (bodies.push("a"), 1)), step.run("b", () => (bodies.push("b"), 2))]);
        const after = await step.run("after", () => (bodies.push("after"), a + b));
        return after;
      }),
    ]);
    await app.client.send({ name: "t/par", data: {} });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.output).toBe(3);
    expect([...bodies].sort()).toEqual(["a", "after", "b"]);
    expect(
      run?.steps
        .filter((s) => s.op === "StepRun")
        .map((s) => s.id)
        .sort(),
    ).toEqual(["a", "after", "b"]);
  });

  it("step.sendEvent triggers other functions", async () => {
    // Docs (sendEvent): "step.sendEvent sends events reliably from within a function, triggering other functions."
    app = await harness.setup((client) => [
      client.createFunction({ id: "parent", triggers: [{ event: "t/start" }] }, async ({ step }) => {
        const { ids } = await step.sendEvent(
          "fan",
          [1, 2, 3].map((n) => ({ name: "t/child", data: { n } })),
        );
        return ids.length;
      }),
      client.createFunction({ id: "child", triggers: [{ event: "t/child" }] }, async ({ event }) => event.data.n * 2),
    ]);
    await app.client.send({ name: "t/start", data: {} });
    await app.local.runUntilIdle();
    const children = app.local.runs().filter((run) => run.functionId === "conformance-child");
    expect(children.map((run) => run.output).sort()).toEqual([2, 4, 6]);
    expect(app.local.runs().find((run) => run.functionId === "conformance-parent")?.output).toBe(3);
  });

  it("step.sleep and step.sleepUntil resume after the given time", async () => {
    // Docs (sleep): "step.sleep pauses the function for a duration… step.sleepUntil pauses until a given date."
    app = await harness.setup((client) => [
      client.createFunction({ id: "sleepy", triggers: [{ event: "t/sleep" }] }, async ({ step }) => {
        const started = await step.run("start", () => "ok");
        await step.sleep("nap", "2h");
        await step.sleepUntil("until", new Date(Date.parse(String(await step.run("now", () => new Date().toISOString()))) + 86_400_000));
        return started;
      }),
    ]);
    await app.client.send({ name: "t/sleep", data: {} });
    await app.local.waitForIdle();
    expect(app.local.runs()[0]?.status).toBe("sleeping");
    const t0 = app.local.clock.now();
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.status).toBe("completed");
    // 2 h of sleep, then a day counted from the real time recorded in "now".
    expect(app.local.clock.now() - t0).toBeGreaterThanOrEqual(2 * 3_600_000);
  });

  it("runs cron-triggered functions on schedule (server mode)", async () => {
    // Docs (cron): "Functions can be triggered on a schedule using cron syntax."
    app = await harness.setup((client) => [client.createFunction({ id: "hourly", triggers: [{ cron: "0 * * * *" }] }, async ({ event }) => event.name)]);
    app.local.enableCrons();
    await app.local.advanceTime(3 * 3_600_000);
    const runs = app.local.runs();
    expect(runs.length).toBe(3);
    expect(runs.every((run) => run.status === "completed" && run.output === "inngest/scheduled.timer")).toBe(true);
  });
});
