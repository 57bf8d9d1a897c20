import { describe, expect, it } from "vitest";
import { harnesses } from "./harness";

describe.each(harnesses)("smoke ($name)", (harness) => {
  it("runs steps", async () => {
    const app = await harness.setup((client) => [
      client.createFunction({ id: "hello", triggers: [{ event: "demo/hello" }] }, async ({ event, step }) => {
        const a = await step.run("a", () => 1);
        const b = await step.run("b", () => a + 1);
        await step.sleep("nap", "1h");
        return { sum: a + b, name: event.data.name };
      }),
    ]);
    await app.client.send({ name: "demo/hello", data: { name: "x" } });
    await app.local.runUntilIdle();
    const runs = app.local.runs();
    console.log(JSON.stringify(runs, null, 1));
    expect(runs[0]?.status).toBe("completed");
    await app.close();
  });
});
