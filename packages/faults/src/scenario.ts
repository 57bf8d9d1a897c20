import { schema } from "@repo/console-db";
import { and, eq } from "drizzle-orm";
import type { IndexCounts, World } from "./world";

export interface ScenarioOutcome {
  /** What happened, in a few words: the job statuses on the way to convergence. */
  summary: string;
  counts: IndexCounts;
}

export interface Scenario {
  name: string;
  run(): Promise<ScenarioOutcome>;
}

export class ScenarioFailure extends Error {}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ScenarioFailure(message);
}

/** Runs `body` on a fresh world and closes it whatever happens. */
export async function withWorld<T>(open: () => Promise<World>, body: (world: World) => Promise<T>): Promise<T> {
  const world = await open();
  try {
    return await body(world);
  } finally {
    await world.close();
  }
}

type Status = "succeeded" | "partial" | "failed";

/**
 * The common shape of a provider fault: arm the fault, push an edit, let it settle. The job must
 * end as `allowed` says. A job that did not succeed must have kept the last good index (synced
 * commit unchanged, failed files still holding their previous vectors); then, with the fault
 * gone, the next sync must succeed. Either way the index ends exactly at the head.
 */
export async function faultThenConverge(
  world: World,
  fault: { arm: () => void; disarm?: () => void; edits?: number; allowed: Status[]; served?: () => number },
): Promise<ScenarioOutcome> {
  const before = (await world.source()).syncedCommit;
  check(before, "the world starts synced");
  const head = await world.edit(fault.edits ?? 3);
  fault.arm();
  await world.push(head);
  await world.settle();
  const first = await world.lastJob();
  const served = fault.served?.() ?? 1;
  check(served > 0, "the injected fault was never served: the scenario proved nothing");
  check(
    (fault.allowed as string[]).includes(first.status),
    `the faulted job ended ${first.status} (${first.error ?? "no error"}); expected ${fault.allowed.join(" or ")}`,
  );
  const steps = [fault.served ? `${first.status} (${served} faults served)` : (first.status as string)];
  if (first.status !== "succeeded") {
    check((await world.source()).syncedCommit === before, "a job that did not succeed moved the synced commit");
    const failed = await world.db
      .select({ path: schema.syncJobFiles.path })
      .from(schema.syncJobFiles)
      .where(and(eq(schema.syncJobFiles.jobId, first.id), eq(schema.syncJobFiles.outcome, "failed")));
    const kept = await world.compare(before, first.status === "failed" ? undefined : failed.map((f) => f.path));
    check(kept.exact, `the last good index was not kept: ${kept.lost} lost, ${kept.orphan} orphan vectors against ${before.slice(0, 7)}`);
    steps[0] = `${first.status} (${fault.served ? `${served} faults served, ` : ""}${failed.length} files failed, last good index kept)`;
    fault.disarm?.();
    await world.requestSync();
    await world.settle();
    const next = await world.lastJob();
    check(next.status === "succeeded", `the sync after the fault ended ${next.status}: ${next.error ?? ""}`);
    steps.push("next sync succeeded");
  } else fault.disarm?.();
  return { summary: steps.join(" → "), counts: await converged(world) };
}

/** Everything settled: the synced commit is the head and the index equals git + chunker there. */
export async function converged(world: World): Promise<IndexCounts> {
  await world.settle();
  const state = await world.atHead();
  check(state.synced === state.head, `synced commit ${state.synced?.slice(0, 7) ?? "none"} is not the head ${state.head.slice(0, 7)}`);
  return { lost: state.lost, duplicate: state.duplicate, orphan: state.orphan };
}
