import { afterEach, describe, expect, it } from "vitest";
import { httpHarness, type TestApp } from "./conformance/harness";
import { createRunsClient, RunsApiError } from "./runs-client";

describe("runs client against inngest-local's REST API (Inngest's shapes)", () => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  it("gets a run, lists an event's runs, reads steps, cancels, and reports unknown runs and unreachable servers", async () => {
    app = await httpHarness.setup((client) => [
      client.createFunction({ id: "quick", triggers: [{ event: "t/go" }] }, async ({ step }) => step.run("double", () => 21 * 2)),
      client.createFunction({ id: "slow", triggers: [{ event: "t/go" }] }, async ({ step }) => {
        await step.sleep("wait", "1d");
        return "late";
      }),
    ]);
    const client = createRunsClient({ baseUrl: app.local.url ?? "" });
    const { ids } = await app.client.send({ name: "t/go", data: {} });
    await app.local.waitForIdle();

    const runs = await client.eventRuns(ids[0] ?? "");
    expect(runs.map((run) => [run.function_slug, run.status]).sort()).toEqual([
      ["conformance-quick", "Completed"],
      ["conformance-slow", "Running"],
    ]);
    const quick = runs.find((run) => run.function_slug === "conformance-quick");
    expect(await client.getRun(quick?.run_id ?? "")).toMatchObject({ output: 42, event_id: ids[0], ended_at: expect.any(String) });
    expect((await client.runSteps(quick?.run_id ?? ""))?.map((step) => [step.id, step.outcome, step.output])).toEqual([["double", "ok", "42"]]);

    const slow = runs.find((run) => run.function_slug === "conformance-slow");
    await client.cancelRun(slow?.run_id ?? "");
    expect(await client.getRun(slow?.run_id ?? "")).toMatchObject({ status: "Cancelled" });

    expect(await client.getRun("01J00000000000000000000000")).toBeNull();
    await expect(createRunsClient({ baseUrl: "http://127.0.0.1:9" }).getRun("x")).rejects.toThrow(RunsApiError);
  });
});
