import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Inngest } from "inngest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { observedInProcess, type ObservedApp } from "./conformance/protocol-harness";
import { InngestLocal } from "./inngest-local";
import { DataDirInUseError } from "./journal";

describe("durable state in a data directory", () => {
  let dataDir: string;
  const apps: ObservedApp[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "inngest-local-state-"));
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const start = async (build: (client: Inngest) => ReturnType<Inngest["createFunction"]>[]) => {
    const app = await observedInProcess(build, { dataDir });
    apps.push(app);
    return app;
  };

  it("lists runs from before a restart and resumes a sleeping run at its original deadline without re-running its steps", async () => {
    const bodies: string[] = [];
    const build = (client: Inngest) => [
      client.createFunction({ id: "nap", triggers: [{ event: "t/nap" }] }, async ({ step }) => {
        const a = await step.run("before", () => (bodies.push("before"), 20));
        await step.sleep("nap", "2h");
        return step.run("after", () => (bodies.push("after"), a + 1));
      }),
    ];
    const first = await start(build);
    await first.client.send({ name: "t/nap", data: {} });
    await first.local.waitForIdle();
    const [sleeping] = first.local.runs();
    const deadline = Date.parse(sleeping?.startedAt ?? "") + 2 * 3_600_000;
    await first.close();

    // Restarted, before the app syncs: the run is listed with its steps but does not execute.
    const restarted = new InngestLocal({ clock: "virtual", dataDir });
    expect(restarted.runs()).toEqual([expect.objectContaining({ id: sleeping?.id, status: "sleeping", steps: sleeping?.steps })]);
    await restarted.stop();

    const second = await start(build);
    await second.local.runUntilIdle();
    const resumed = second.local.run(sleeping?.id ?? "");
    expect(resumed).toMatchObject({ status: "completed", output: 21 });
    expect(Date.parse(resumed?.endedAt ?? "")).toBeGreaterThanOrEqual(deadline);
    expect(bodies).toEqual(["before", "after"]);
  });

  it("a run interrupted mid-call resumes from its memoized steps: only the step in flight runs again", async () => {
    const bodies: string[] = [];
    let release: (() => void) | undefined;
    const build = (client: Inngest) => [
      client.createFunction({ id: "three", triggers: [{ event: "t/three" }] }, async ({ step }) => {
        await step.run("one", () => bodies.push("one"));
        await step.run("two", async () => {
          bodies.push("two");
          if (!release) await new Promise<void>((resolve) => (release = resolve));
        });
        await step.run("three", () => bodies.push("three"));
        return bodies.length;
      }),
    ];
    const first = await start(build);
    await first.client.send({ name: "t/three", data: {} });
    while (!release) await new Promise((resolve) => setTimeout(resolve, 5));
    // The executor goes away while "two" executes; its answer and checkpoint then reach nobody.
    await first.close();
    release();

    const second = await start(build);
    await second.local.runUntilIdle();
    const [run] = second.local.runs();
    expect(run?.status).toBe("completed");
    expect(bodies).toEqual(["one", "two", "two", "three"]);
    expect(run?.steps.filter((step) => step.op === "StepRun").map((step) => step.id)).toEqual(["one", "two", "three"]);
  });

  it("a waitForEvent survives a restart and is resumed by an event sent afterwards; event-id deduplication survives too", async () => {
    const build = (client: Inngest) => [
      client.createFunction({ id: "approve", triggers: [{ event: "t/start" }] }, async ({ step }) =>
        step.waitForEvent("approval", { event: "t/approved", match: "data.id", timeout: "1d" }),
      ),
    ];
    const first = await start(build);
    await first.client.send({ name: "t/start", data: { id: 7 }, id: "start-7" });
    await first.local.waitForIdle();
    await first.close();

    const second = await start(build);
    await second.client.send({ name: "t/start", data: { id: 7 }, id: "start-7" });
    await second.client.send({ name: "t/approved", data: { id: 7, by: "ops" } });
    await second.local.runUntilIdle();
    const runs = second.local.runs();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.output).toMatchObject({ name: "t/approved", data: { id: 7, by: "ops" } });
    expect(runs[0]?.steps.at(-1)).toMatchObject({ id: "approval", outcome: "ok", detail: expect.stringContaining('resumed by event "t/approved"') });
  });

  it("keeps a step's retry count and backoff across a restart", async () => {
    let attempts = 0;
    const build = (client: Inngest) => [
      client.createFunction({ id: "flaky", retries: 2, triggers: [{ event: "t/flaky" }] }, async ({ step }) =>
        step.run("call-api", () => {
          attempts++;
          throw new Error(`down (${attempts})`);
        }),
      ),
    ];
    const first = await start(build);
    await first.client.send({ name: "t/flaky", data: {} });
    await first.local.waitForIdle();
    expect(attempts).toBe(1);
    await first.close();

    const second = await start(build);
    await second.local.runUntilIdle();
    // 3 attempts in all (retries: 2), not 1 before the restart + 3 after it.
    expect(attempts).toBe(3);
    expect(second.local.runs()[0]?.status).toBe("failed");
  });

  it("ignores a journal line cut short by a kill mid-write, and refuses a data directory another live process holds", async () => {
    const first = await start((client) => [client.createFunction({ id: "quick", triggers: [{ event: "t/q" }] }, async () => "ok")]);
    await first.client.send({ name: "t/q", data: {} });
    await first.local.runUntilIdle();
    await first.close();
    appendFileSync(join(dataDir, "runs.jsonl"), '{"t":"run","id":"01J');
    const restarted = new InngestLocal({ dataDir });
    expect(restarted.runs().map((run) => run.status)).toEqual(["completed"]);
    await restarted.stop();

    // After stop() nothing more is accepted (the journal's descriptor is closed, not written through).
    const late = await first.local.fetch("http://inngest-local.invalid/e/key", { method: "POST", body: JSON.stringify({ name: "t/q", data: {} }) });
    expect(late.status).toBe(503);

    writeFileSync(join(dataDir, "inngest-local.lock"), String(process.ppid));
    expect(() => new InngestLocal({ dataDir })).toThrow(DataDirInUseError);
    expect(readFileSync(join(dataDir, "inngest-local.lock"), "utf8")).toBe(String(process.ppid));
  });
});
