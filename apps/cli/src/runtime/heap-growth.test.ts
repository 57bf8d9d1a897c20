import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { limitHeapGrowth } from "./heap-growth";

const MODULE = fileURLToPath(new URL("./heap-growth.ts", import.meta.url));

/**
 * A fresh Node process (tsx for the TypeScript) that keeps a sliding window of ~30 allocations
 * live, as a sync's pipeline does, and prints the peak committed heap; with `limit`, it calls
 * limitHeapGrowth() first.
 */
function peakHeapMiB(limit: boolean, nodeArgs: string[] = []): number {
  const script = `
    const { limitHeapGrowth } = await import(${JSON.stringify(MODULE)});
    if (${limit}) limitHeapGrowth();
    const keep = []; let peak = 0;
    for (let i = 0; i < 400; i++) {
      const a = []; for (let j = 0; j < 20000; j++) a.push({ j, s: "x" + j });
      if (i % 4 === 0) keep.push(a);
      if (keep.length > 30) keep.shift();
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(peak / 2 ** 20);`;
  const run = spawnSync(process.execPath, [...nodeArgs, "--import", "tsx/esm", "--input-type=module", "-e", script], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

describe("limitHeapGrowth (the full sync's V8 heap growing factor)", () => {
  it("keeps a heap with a churning live set well below V8's default growth", () => {
    const unlimited = peakHeapMiB(false);
    const limited = peakHeapMiB(true);
    // Measured: about 158 MiB by default, 116 MiB limited.
    expect(limited).toBeLessThan(unlimited * 0.9);
  }, 60_000);

  it("leaves a growing percent the user gave node alone", () => {
    expect(limitHeapGrowth(["--heap-growing-percent=80"])).toBe(false);
    expect(limitHeapGrowth(["--heap_growing_percent", "80"])).toBe(false);
  });
});
