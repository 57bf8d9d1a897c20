import { afterEach, describe, expect, it } from "vitest";
import { observedApps, observedInProcess, type ObservedApp } from "./protocol-harness";

const checkpointPosts = (app: ObservedApp) => app.sdkRequests.filter((request) => /^POST \/v1\/checkpoint\/[^/]+\/async$/.test(request));

describe.each(observedApps)("checkpointing protocol ($name)", ({ setup }) => {
  let app: ObservedApp | undefined;
  afterEach(() => app?.close());

  it("runs several steps in one request and posts each result to the checkpoint API", async () => {
    // SDK (InngestFunction.shouldAsyncCheckpoint): a call with ctx.fn_id checkpoints; bufferedSteps 1 posts after each step.
    const bodies: string[] = [];
    app = await setup((client) => [
      client.createFunction({ id: "three", triggers: [{ event: "t/three" }] }, async ({ step }) => {
        const a = await step.run("a", () => (bodies.push("a"), 1));
        const b = await step.run("b", () => (bodies.push("b"), a + 1));
        return step.run("c", () => (bodies.push("c"), b + 1));
      }),
    ]);
    await app.client.send({ name: "t/three", data: {} });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.output).toBe(3);
    expect(bodies).toEqual(["a", "b", "c"]);
    // One request ran all three steps; the run completed in its answer (206 RunComplete).
    expect(app.calls).toEqual([{ stepId: "step", status: 206 }]);
    expect(checkpointPosts(app)).toHaveLength(3);
    const steps = run?.steps ?? [];
    expect(steps.map((step) => [step.id, step.via])).toEqual([
      ["a", "checkpoint"],
      ["b", "checkpoint"],
      ["c", "checkpoint"],
    ]);
    expect(new Set(steps.map((step) => step.request)).size).toBe(1);
  });

  it("a step that outlasts the checkpoint runtime limit ends the request; the next step is planned, then checkpointing resumes", async () => {
    // SDK: once maxRuntime passes, the next new step is returned as StepPlanned instead of run inline.
    const bodies: string[] = [];
    app = await setup((client) => [
      client.createFunction({ id: "long", checkpointing: { maxRuntime: "300ms" }, triggers: [{ event: "t/long" }] }, async ({ step }) => {
        const a = await step.run("a", () => (bodies.push("a"), 1));
        const b = await step.run("slow", async () => {
          bodies.push("slow");
          await new Promise((resolve) => setTimeout(resolve, 700));
          return a + 1;
        });
        const c = await step.run("c", () => (bodies.push("c"), b + 1));
        return step.run("d", () => (bodies.push("d"), c + 1));
      }),
    ]);
    await app.client.send({ name: "t/long", data: {} });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.status).toBe("completed");
    expect(run?.output).toBe(4);
    expect(bodies).toEqual(["a", "slow", "c", "d"]);
    const steps = run?.steps ?? [];
    expect(steps.map((step) => [step.id, step.via])).toEqual([
      ["a", "checkpoint"],
      ["slow", "checkpoint"],
      ["c", "response"],
      ["d", "checkpoint"],
    ]);
    expect(steps[1]?.durationMs).toBeGreaterThanOrEqual(650);
    expect(app.calls.map((call) => call.stepId)).toEqual(["step", steps[2]?.hash, "step"]);
  });

  it("a run whose state outgrows the request body limit is called with use_api and reads its state from the API", async () => {
    // Inngest (driver.MarshalV1): state above the SDK request limit is left out and use_api set; the SDK GETs /v0/runs/:id/{actions,batch}.
    app = await setup(
      (client) => [
        client.createFunction({ id: "big", triggers: [{ event: "t/big" }] }, async ({ step }) => {
          const first = await step.run("first", () => "x".repeat(3000));
          await step.sleep("pause", "1m");
          const second = await step.run("second", () => first.length + 1);
          return { second, firstLength: first.length };
        }),
      ],
      { sdkRequestBodyLimit: 4096 },
    );
    await app.client.send({ name: "t/big", data: { n: 1 } });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.output).toEqual({ second: 3001, firstLength: 3000 });
    expect(app.sdkRequests.filter((request) => request.startsWith("GET /v0/runs/"))).toEqual([
      `GET /v0/runs/${run?.id}/batch`,
      `GET /v0/runs/${run?.id}/actions`,
    ]);
  });

  it("cancelling a run while its step executes: the step finishes, its checkpoint is refused (409) and no later step runs", async () => {
    // Inngest docs (cancellation): "a step already executing runs to completion… later steps do not run."
    const bodies: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    app = await setup((client) => [
      client.createFunction({ id: "cancel-me", triggers: [{ event: "t/cancel" }] }, async ({ step }) => {
        await step.run("slow", async () => {
          bodies.push("slow");
          await gate;
          return 1;
        });
        await step.run("after", () => bodies.push("after"));
        return "done";
      }),
    ]);
    await app.client.send({ name: "t/cancel", data: {} });
    const running = await app.local.waitForRun((run) => run.status === "running");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const cancelled = await app.local.fetch(`http://inngest-local.invalid/v1/runs/${running.id}`, { method: "DELETE" });
    expect(cancelled.status).toBe(200);
    release();
    await app.local.runUntilIdle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bodies).toEqual(["slow"]);
    expect(app.local.run(running.id)?.status).toBe("cancelled");
    expect(app.local.run(running.id)?.steps.filter((step) => step.op === "StepRun")).toEqual([]);
  });
});

describe("checkpoint API", () => {
  it("refuses results from a call that is not in flight (409 stale dispatch) and from unknown runs (404)", async () => {
    const app = await observedInProcess((client) => [
      client.createFunction({ id: "sleeper", triggers: [{ event: "t/sleep" }] }, async ({ step }) => {
        await step.sleep("nap", "1h");
        return "woke";
      }),
    ]);
    try {
      const post = (runId: string) =>
        app.local.fetch(`http://inngest-local.invalid/v1/checkpoint/${runId}/async`, {
          method: "POST",
          body: JSON.stringify({ run_id: runId, qi_id: "01J0000000000000000000000", steps: [{ op: "StepRun", id: "abc", data: 1 }] }),
        });
      expect((await post("01J0000000000000000000RUN0")).status).toBe(404);
      await app.client.send({ name: "t/sleep", data: {} });
      await app.local.waitForIdle();
      const [sleeping] = app.local.runs();
      const stale = await post(sleeping?.id ?? "");
      expect(stale.status).toBe(409);
      expect(await stale.json()).toMatchObject({ error: expect.stringContaining("stale dispatch") });
      await app.local.runUntilIdle();
      expect(app.local.runs()[0]).toMatchObject({ status: "completed", output: "woke" });
      expect(app.local.runs()[0]?.steps.some((step) => step.hash === "abc")).toBe(false);
    } finally {
      await app.close();
    }
  });

  it("a step crossing the SDK's default 10 s runtime limit resumes correctly (no limit configured)", async () => {
    // DefaultMaxRuntime.serve = 10 s in inngest 4.24.
    const bodies: string[] = [];
    const app = await observedInProcess((client) => [
      client.createFunction({ id: "default-limit", triggers: [{ event: "t/default" }] }, async ({ step }) => {
        const slow = await step.run("eleven-seconds", async () => {
          bodies.push("slow");
          await new Promise((resolve) => setTimeout(resolve, 10_500));
          return 1;
        });
        const next = await step.run("next", () => (bodies.push("next"), slow + 1));
        return step.run("last", () => (bodies.push("last"), next + 1));
      }),
    ]);
    try {
      await app.client.send({ name: "t/default", data: {} });
      await app.local.runUntilIdle();
      const [run] = app.local.runs();
      expect(run?.output).toBe(3);
      expect(bodies).toEqual(["slow", "next", "last"]);
      expect(run?.steps.map((step) => [step.id, step.via])).toEqual([
        ["eleven-seconds", "checkpoint"],
        ["next", "response"],
        ["last", "checkpoint"],
      ]);
    } finally {
      await app.close();
    }
  }, 60_000);
});
