import { afterEach, describe, expect, it } from "vitest";
import type { LogRecord } from "../logger";
import { harnesses, type TestApp } from "./harness";

describe.each(harnesses)("observability and limits ($name)", (harness) => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  it("logs one line per run transition and step attempt, and lists runs and their steps over REST", async () => {
    const lines: LogRecord[] = [];
    app = await harness.setup(
      (client) => [
        client.createFunction({ id: "logged", triggers: [{ event: "t/log" }] }, async ({ step }) => {
          await step.run("fetch", () => ({ ids: [1, 2, 3] }));
          return "done";
        }),
      ],
      { logger: (line) => lines.push(line) },
    );
    await app.client.send({ name: "t/log", data: {} });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(lines.filter((line) => line.runId === run?.id).map((line) => [line.kind, line.step ?? null, line.outcome])).toEqual([
      ["run", null, "started"],
      ["step", "fetch", "ok"],
      ["run", null, "completed"],
    ]);
    expect(lines.find((line) => line.kind === "step")).toMatchObject({ fn: "conformance-logged", attempt: 0, durationMs: expect.any(Number) });

    const response = await app.local.fetch("http://inngest-local.invalid/v1/runs");
    const body = (await response.json()) as { data: Array<{ run_id: string; status: string; output: unknown }> };
    expect(body.data[0]).toMatchObject({ run_id: run?.id, status: "Completed", output: "done" });
    const steps = await app.local.fetch(`http://inngest-local.invalid/v1/runs/${run?.id}/steps`);
    expect(((await steps.json()) as { data: unknown[] }).data).toEqual([
      expect.objectContaining({ id: "fetch", outputBytes: JSON.stringify({ ids: [1, 2, 3] }).length, output: JSON.stringify({ ids: [1, 2, 3] }) }),
    ]);
  });

  it("fails a run whose step returns more than 4 MiB, with an error naming the limit", async () => {
    // Docs (limits): "The maximum size of a step's output is 4MB."
    app = await harness.setup((client) => [
      client.createFunction({ id: "too-big", triggers: [{ event: "t/big" }] }, async ({ step }) =>
        step.run("load-everything", () => "x".repeat(4 * 1024 * 1024 + 1)),
      ),
    ]);
    await app.client.send({ name: "t/big", data: {} });
    await app.local.runUntilIdle();
    const [run] = app.local.runs();
    expect(run?.status).toBe("failed");
    expect(run?.error?.message).toMatch(/step output is \d+ bytes; Inngest's limit is 4194304/);
  });

  it("rejects an event over 256 KiB at the Event API", async () => {
    // Docs (limits): "Events are limited to 256KB on the free tier."
    app = await harness.setup(() => []);
    await expect(app.local.send({ name: "t/huge", data: { blob: "x".repeat(300 * 1024) } })).rejects.toThrow(/Inngest's limit is 262144/);
    const response = await app.local.fetch("http://inngest-local.invalid/e/key", {
      method: "POST",
      body: JSON.stringify([{ name: "t/huge", data: { blob: "x".repeat(300 * 1024) } }]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ids: [], status: 400, error: expect.stringContaining("262144") });
  });
});
