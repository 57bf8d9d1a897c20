import { afterEach, describe, expect, it } from "vitest";
import { harnesses, type TestApp } from "./harness";

describe.each(harnesses)("flow control ($name)", (harness) => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  it("concurrency with a key limits executing steps per key, not across keys", async () => {
    // Docs (concurrency): "limit: the maximum number of concurrently running steps… key: apply the limit to each unique value of the expression."
    const active = new Map<string, number>();
    const maxActive = new Map<string, number>();
    let releaseA!: () => void;
    const gateA = new Promise<void>((resolve) => (releaseA = resolve));
    app = await harness.setup((client) => [
      client.createFunction(
        { id: "sync-source", concurrency: [{ key: "event.data.sourceId", limit: 1 }], triggers: [{ event: "source/sync" }] },
        async ({ event, step }) =>
          step.run("sync", async () => {
            const source = String(event.data.sourceId);
            active.set(source, (active.get(source) ?? 0) + 1);
            maxActive.set(source, Math.max(maxActive.get(source) ?? 0, active.get(source) ?? 0));
            // Source A's first sync holds its slot until B is done: a limit shared across keys would deadlock here.
            if (source === "A") await gateA;
            else await new Promise((resolve) => setTimeout(resolve, 2));
            active.set(source, (active.get(source) ?? 1) - 1);
            return source;
          }),
      ),
    ]);
    await app.client.send(["A", "B", "B", "A", "B"].map((sourceId) => ({ name: "source/sync", data: { sourceId } })));
    const completedB = () => app?.local.runs().filter((run) => run.output === "B" && run.status === "completed").length ?? 0;
    await app.local.waitForRun(() => completedB() === 3);
    expect(app.local.runs().filter((run) => run.status === "completed" && run.output === "A")).toHaveLength(0);
    releaseA();
    await app.local.runUntilIdle();
    expect(app.local.runs().filter((run) => run.status === "completed")).toHaveLength(5);
    expect(Object.fromEntries(maxActive)).toEqual({ A: 1, B: 1 });
  });

  it("idempotency runs a function once per key within 24 hours", async () => {
    // Docs (idempotency): "A function runs at most once per unique key within a 24-hour period."
    app = await harness.setup((client) => [
      client.createFunction({ id: "once", idempotency: "event.data.deliveryId", triggers: [{ event: "gh/push" }] }, async ({ event }) => event.data.deliveryId),
    ]);
    await app.client.send([1, 1, 2, 1].map((deliveryId) => ({ name: "gh/push", data: { deliveryId } })));
    await app.local.runUntilIdle();
    expect(
      app.local
        .runs()
        .map((run) => run.output)
        .sort(),
    ).toEqual([1, 2]);
    await app.local.advanceTime(25 * 3_600_000);
    await app.client.send({ name: "gh/push", data: { deliveryId: 1 } });
    await app.local.runUntilIdle();
    expect(app.local.runs()).toHaveLength(3);
  });

  it("cancelOn cancels a waiting run when a matching event arrives", async () => {
    // Docs (cancelOn): "Cancel a run when an event is received whose `match` field equals the triggering event's."
    app = await harness.setup((client) => [
      client.createFunction(
        { id: "remind", cancelOn: [{ event: "source/deleted", match: "data.sourceId" }], triggers: [{ event: "source/connected" }] },
        async ({ step }) => {
          await step.sleep("wait-a-day", "1d");
          return "reminded";
        },
      ),
    ]);
    await app.client.send([
      { name: "source/connected", data: { sourceId: "s1" } },
      { name: "source/connected", data: { sourceId: "s2" } },
    ]);
    await app.local.waitForIdle();
    await app.client.send({ name: "source/deleted", data: { sourceId: "s1" } });
    await app.local.runUntilIdle();
    const byStatus = app.local
      .runs()
      .map((run) => run.status)
      .sort();
    expect(byStatus).toEqual(["cancelled", "completed"]);
  });

  it("singleton mode skip drops new runs while one is active; mode cancel replaces it", async () => {
    // Docs (singleton): "skip: new runs are skipped while a run is in progress; cancel: the running run is cancelled and the new one starts."
    app = await harness.setup((client) =>
      (["skip", "cancel"] as const).map((mode) =>
        client.createFunction(
          { id: `single-${mode}`, singleton: { key: "event.data.sourceId", mode }, triggers: [{ event: `t/${mode}` }] },
          async ({ event, step }) => {
            await step.sleep("hold", "1h");
            return event.data.n;
          },
        ),
      ),
    );
    for (const n of [1, 2]) {
      await app.client.send([
        { name: "t/skip", data: { sourceId: "s", n } },
        { name: "t/cancel", data: { sourceId: "s", n } },
      ]);
      await app.local.waitForIdle();
    }
    await app.local.runUntilIdle();
    const outcome = (fn: string) =>
      app?.local
        .runs()
        .filter((run) => run.functionId === fn)
        .map((run) => [run.status, run.output ?? null]);
    expect(outcome("conformance-single-skip")).toEqual([
      ["completed", 1],
      ["skipped", null],
    ]);
    expect(outcome("conformance-single-cancel")).toEqual([
      ["cancelled", null],
      ["completed", 2],
    ]);
  });

  it("debounce starts one run with the last event after the period of quiet", async () => {
    // Docs (debounce): "Delays execution until events stop arriving for the period; the run uses the last event."
    app = await harness.setup((client) => [
      client.createFunction(
        { id: "debounced", debounce: { key: "event.data.sourceId", period: "5m" }, triggers: [{ event: "t/push" }] },
        async ({ event }) => event.data.n,
      ),
    ]);
    for (const n of [1, 2, 3]) {
      await app.client.send({ name: "t/push", data: { sourceId: "s", n } });
      await app.local.advanceTime(60_000);
    }
    expect(app.local.runs()).toHaveLength(0);
    await app.local.runUntilIdle();
    expect(app.local.runs().map((run) => run.output)).toEqual([3]);
  });

  it("refuses at sync a configuration it does not implement", async () => {
    // inngest-local's contract: unimplemented flow control is refused with a clear error, never ignored.
    const attempt = harness.setup((client) => [
      client.createFunction({ id: "limited", rateLimit: { limit: 1, period: "1m" }, triggers: [{ event: "t/x" }] }, async () => null),
    ]);
    await expect(attempt).rejects.toThrow(/"rateLimit" is not implemented by inngest-local/);
  });
});
