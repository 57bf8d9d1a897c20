import { describe, expect, it } from "vitest";
import { harnesses } from "./harness";

// 2,000 runs in-process (the acceptance figure); 500 over HTTP keeps the suite well under a minute on two cores.
const cases = harnesses.map((harness) => ({ harness, name: harness.name, count: harness.name.startsWith("http") ? 500 : 2000 }));

describe.each(cases)("fan-out ($name)", ({ harness, count }) => {
  it(`one function sends ${count} events; ${count} runs complete and a concurrency limit of 10 is never exceeded`, async () => {
    // Docs (concurrency): "limit: the maximum number of concurrently running steps" — measured inside the step bodies.
    let active = 0;
    let maxActive = 0;
    const app = await harness.setup(
      (client) => [
        client.createFunction({ id: "fan-out", triggers: [{ event: "t/fan-out" }] }, async ({ step }) => {
          const events = Array.from({ length: count }, (_, i) => ({ name: "t/item", data: { i } }));
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
      expect(items).toHaveLength(count);
      expect(items.every((run) => run.status === "completed")).toBe(true);
      expect(new Set(items.map((run) => run.output)).size).toBe(count);
      expect(maxActive).toBeLessThanOrEqual(10);
      expect(maxActive).toBeGreaterThan(1);
    } finally {
      await app.close();
    }
  }, 60_000);
});
