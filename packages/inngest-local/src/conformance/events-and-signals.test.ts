import { afterEach, describe, expect, it } from "vitest";
import { harnesses, type TestApp } from "./harness";

describe.each(harnesses)("event ids and signals ($name)", (harness) => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  it("a send retried with the same event-id seed creates one event and one run", async () => {
    // SDK (Inngest._send): one x-inngest-event-id-seed per send, repeated on its retries; Inngest derives the ids from it.
    app = await harness.setup((client) => [client.createFunction({ id: "on-push", triggers: [{ event: "t/push" }] }, async ({ event }) => event.data.n)]);
    const seed = `${Date.now()},${Buffer.from("0123456789").toString("base64")}`;
    const send = () =>
      app?.local.fetch("http://inngest-local.invalid/e/key", {
        method: "POST",
        headers: { "x-inngest-event-id-seed": seed },
        body: JSON.stringify([
          { name: "t/push", data: { n: 1 } },
          { name: "t/push", data: { n: 2 } },
        ]),
      });
    const first = (await (await send())?.json()) as { ids: string[] };
    const retry = (await (await send())?.json()) as { ids: string[] };
    await app.local.runUntilIdle();
    expect(retry.ids).toEqual(first.ids);
    expect(new Set(first.ids).size).toBe(2);
    expect(
      app.local
        .runs()
        .map((run) => run.output)
        .sort(),
    ).toEqual([1, 2]);
    const events = await app.local.fetch("http://inngest-local.invalid/v1/events?name=t/push");
    expect(((await events.json()) as { data: unknown[] }).data).toHaveLength(2);
  });

  it("the SDK's own retry of a send whose answer was lost does not duplicate the event", async () => {
    let sends = 0;
    app = await harness.setup((client) => [client.createFunction({ id: "once", triggers: [{ event: "t/once" }] }, async () => "ran")]);
    const { Inngest } = await import("inngest");
    const local = app.local;
    // The first answer is lost after inngest-local accepted the event (a dropped connection); the SDK retries.
    const flaky = new Inngest({
      id: "sender",
      isDev: true,
      baseUrl: "http://inngest-local.invalid",
      logger: { info() {}, warn() {}, error() {}, debug() {} },
      fetch: async (input, init) => {
        const response = await local.fetch(input, init);
        if (++sends === 1) throw new TypeError("fetch failed: socket hang up");
        return response;
      },
    });
    const { ids } = await flaky.send({ name: "t/once", data: {} });
    await app.local.runUntilIdle();
    expect(sends).toBe(2);
    expect(app.local.runs()).toHaveLength(1);
    expect(app.local.runs()[0]?.event.id).toBe(ids[0]);
  });

  it("step.waitForSignal resumes with the signal's data; a second waiter fails on conflict; an unmatched signal is a 404", async () => {
    // SDK (step.waitForSignal): resolves to { signal, data }, null on timeout; onConflict "fail" refuses a second waiter.
    app = await harness.setup((client) => [
      client.createFunction({ id: "signalled", triggers: [{ event: "t/wait" }] }, async ({ event, step }) => {
        const got = await step
          .waitForSignal("wait-approval", { signal: `approve-${event.data.key}`, timeout: "1h", onConflict: "fail" })
          .catch((error: Error) => ({ conflict: error.message }));
        return got;
      }),
    ]);
    await app.client.send({ name: "t/wait", data: { key: "a" } });
    await app.local.waitForIdle();
    await app.client.send({ name: "t/wait", data: { key: "a" } });
    await app.local.waitForIdle();
    const missing = await app.local.fetch("http://inngest-local.invalid/v1/signals", {
      method: "POST",
      body: JSON.stringify({ signal: "approve-zzz", data: {} }),
    });
    expect(missing.status).toBe(404);
    const { runId } = await app.client.sendSignal({ signal: "approve-a", data: { by: "ops" } });
    await app.local.runUntilIdle();
    const [first, second] = app.local.runs();
    expect(runId).toBe(first?.id);
    expect(first?.output).toEqual({ signal: "approve-a", data: { by: "ops" } });
    expect(second?.output).toEqual({ conflict: expect.stringContaining("Signal conflict") });
    expect(first?.steps.at(-1)).toMatchObject({ outcome: "ok", detail: 'resumed by signal "approve-a"' });
  });

  it("step.waitForSignal resolves to null after its timeout", async () => {
    app = await harness.setup((client) => [
      client.createFunction({ id: "unsignalled", triggers: [{ event: "t/wait" }] }, async ({ step }) =>
        step.waitForSignal("wait", { signal: "never", timeout: "10m", onConflict: "replace" }),
      ),
    ]);
    await app.client.send({ name: "t/wait", data: {} });
    await app.local.runUntilIdle();
    expect(app.local.runs()[0]).toMatchObject({ status: "completed", output: null });
    expect(app.local.runs()[0]?.steps.at(-1)).toMatchObject({ outcome: "timed-out" });
  });
});
