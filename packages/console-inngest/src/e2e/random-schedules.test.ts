import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Adversary, seededRandom, type Verdict } from "../testing/adversary";

// TRIBUTARY_SEED replays a run (schedules are applied in order to one repository, so schedule n
// is reproduced by re-running 0..n with the same seed); TRIBUTARY_SCHEDULES sets how many.
const SEED = Number(process.env.TRIBUTARY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SCHEDULES = Number(process.env.TRIBUTARY_SCHEDULES ?? 200);

describe(`randomized schedules against one repository (seed ${SEED})`, () => {
  let adversary: Adversary;
  beforeAll(async () => {
    adversary = await Adversary.start();
  }, 120_000);
  afterAll(() => adversary?.close());

  it(`converges on the head after each of ${SCHEDULES} schedules`, async () => {
    const random = seededRandom(SEED);
    const totals = { orphans: 0, lost: 0, duplicates: 0 };
    for (let n = 0; n < SCHEDULES; n++) {
      const ops = await adversary.runSchedule(random, 2 + Math.floor(random() * 5));
      const verdict: Verdict = await adversary.verdict();
      totals.orphans += verdict.orphans;
      totals.lost += verdict.lost;
      totals.duplicates += verdict.duplicates;
      if (verdict.problems.length > 0) {
        throw new Error(`schedule ${n} of seed ${SEED} (TRIBUTARY_SEED=${SEED}) did not converge after [${ops.join(", ")}]: ${verdict.problems.join("; ")}`);
      }
    }
    const ops = [...adversary.opsRun].map(([kind, n]) => `${kind} ${n}`).join(", ");
    process.stdout.write(
      `random schedules: ${SCHEDULES} schedules (seed ${SEED}), ops: ${ops}; ${totals.orphans} orphan, ${totals.lost} lost, ${totals.duplicates} duplicate vectors\n`,
    );
    expect(totals).toEqual({ orphans: 0, lost: 0, duplicates: 0 });
  }, 1_800_000);
});
