import { deliveryScenarios } from "./scenarios/deliveries";
import { processScenarios } from "./scenarios/processes";
import { providerScenarios } from "./scenarios/providers";
import type { Scenario } from "./scenario";

// `pnpm test:faults`: every scenario on its own fresh world, one line each, then the total.
// A scenario passes when the index ends exactly at the head (or honestly partial/failed with the
// last good index kept, and the next sync converging) — counted against git + the chunker.
// `pnpm test:faults -- <substring>` runs the scenarios whose name contains it.
const filter = process.argv
  .slice(2)
  .filter((arg) => arg !== "--")
  .join(" ")
  .trim()
  .toLowerCase();
const scenarios: Scenario[] = [...providerScenarios, ...deliveryScenarios, ...processScenarios].filter((s) => !filter || s.name.toLowerCase().includes(filter));
const width = Math.max(...scenarios.map((s) => s.name.length));
const totals = { lost: 0, duplicate: 0, orphan: 0 };
let failures = 0;

for (const scenario of scenarios) {
  const started = performance.now();
  try {
    const { summary, counts } = await scenario.run();
    totals.lost += counts.lost;
    totals.duplicate += counts.duplicate;
    totals.orphan += counts.orphan;
    const clean = counts.lost + counts.duplicate + counts.orphan === 0;
    if (!clean) failures++;
    line(clean ? "✓" : "✗", scenario.name, `${summary} · ${counts.lost} lost, ${counts.duplicate} duplicate, ${counts.orphan} orphan`, started);
  } catch (error) {
    failures++;
    line("✗", scenario.name, `FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, started);
  }
}
process.stdout.write(
  `${scenarios.length} scenarios, ${totals.lost} lost, ${totals.duplicate} duplicate, ${totals.orphan} orphan${failures > 0 ? ` — ${failures} failed` : ""}\n`,
);
process.exit(failures > 0 ? 1 : 0);

function line(mark: string, name: string, detail: string, started: number): void {
  process.stdout.write(`${mark} ${name.padEnd(width)}  ${detail} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
