import { describe, expect, it } from "vitest";
import { harnesses } from "./harness";

describe.each(harnesses)("fan-out ($name)", (harness) => {
  it("one function sends 2,000 events; 2,000 runs complete and a concurrency limit of 10 is never exceeded", async () => {
    // Docs (concurrency): "limit: the maximum number of concurrently running steps" — measured inside the step bodies.
    let active = 0;
    let maxActive = 0;
    const app = await harness.setup(
      (client) => [
        client.createFunction({ id: "fan-out", triggers: [{ event: "t/fan-out" }] }, async ({ step }) => {
          const events = Array.from({ length: 2000 }, (_, i) => ({ name: "t/item", data: { i } }));
          const { ids } = await step.sendEvent("send-items", events);
          return ids.length;
        }),
        client.createFunction({ id: "item", concurrency: 10, triggers: [{ event: "t/item" }] }, async ({ event, step }) =>
          step.run("process", async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            await new Promise((resolve) => setImmediate(resolve));
            active--;
            return event.data.i;
          }),
        ),
      ],
      { maxInFlight: 32 },
    );
    try {
      await app.client.send({ name: "t/fan-out", data: {} });
      await app.local.runUntilIdle();
      const items = app.local.runs().filter((run) => run.functionId === "conformance-item");
      expect(items).toHaveLength(2000);
      expect(items.every((run) => run.status === "completed")).toBe(true);
      expect(new Set(items.map((run) => run.output)).size).toBe(2000);
      expect(maxActive).toBeLessThanOrEqual(10);
      expect(maxActive).toBeGreaterThan(1);
    } finally {
      await app.close();
    }
  }, 60_000);
});
