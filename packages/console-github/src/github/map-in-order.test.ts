import { describe, expect, it } from "vitest";
import { mapInOrder } from "./map-in-order";

describe("mapInOrder", () => {
  it("keeps input order and the concurrency bound", async () => {
    let running = 0;
    let peak = 0;
    const work = async (n: number) => {
      running += 1;
      peak = Math.max(peak, running);
      // Later items finish first, so ordering must come from the generator, not from timing.
      await new Promise((resolve) => setTimeout(resolve, (10 - n) * 2));
      running -= 1;
      return n * 10;
    };
    const out: number[] = [];
    for await (const value of mapInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, work)) out.push(value);
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(peak).toBe(3);
  });

  it("throws a failure at its turn, after the results before it", async () => {
    const out: number[] = [];
    const run = async () => {
      for await (const value of mapInOrder([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error("boom")) : n))) out.push(value);
    };
    await expect(run()).rejects.toThrow("boom");
    expect(out).toEqual([1]);
  });
});
