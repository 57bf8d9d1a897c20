/**
 * 1,000 runs × 5 steps through the SDK's real serve handler, in-process (no sockets).
 * Measures wall time from the first send until every run completed, and separately the
 * same handler driven without the executor (direct handler calls replaying the same
 * memoized state, same parallelism), so "overhead per step" = executor time per step
 * minus SDK time per step.
 */
import { parseArgs } from "node:util";
import { Inngest } from "inngest";
import { serve } from "inngest/edge";
import { InngestLocal } from "../src/index";

const RUNS = 1000;
const STEPS = 5;
/** The executor's default `maxInFlight`; the baseline uses the same parallelism. */
const PARALLEL = 64;
const quiet = { info() {}, warn() {}, error() {}, debug() {} };
/** `--protocol legacy` measures the one-step-per-request mode; the default is checkpointing. */
const { values } = parseArgs({ options: { protocol: { type: "string", default: "checkpoint" } } });
const PROTOCOL = values.protocol === "legacy" ? "legacy" : "checkpoint";

async function main(): Promise<void> {
  const local = new InngestLocal({ clock: "virtual", protocol: PROTOCOL });
  const client = new Inngest({ id: "bench", isDev: true, logger: quiet, baseUrl: "http://bench.invalid", fetch: local.fetch });
  const fn = client.createFunction({ id: "five-steps", triggers: [{ event: "bench/go" }] }, async ({ event, step }) => {
    let total = 0;
    for (let i = 0; i < STEPS; i++) total += await step.run(`step-${i}`, () => Number(event.data.n) + i);
    return total;
  });
  const handler = serve({ client, functions: [fn] });
  let handlerCalls = 0;
  await local.register({
    handler: (request) => {
      if (request.method === "POST") handlerCalls++;
      return handler(request);
    },
  });

  const started = performance.now();
  await local.send(Array.from({ length: RUNS }, (_, n) => ({ name: "bench/go", data: { n } })));
  await local.runUntilIdle();
  const executorMs = performance.now() - started;
  const runs = local.runs();
  const completed = runs.filter((run) => run.status === "completed").length;
  if (completed !== RUNS) throw new Error(`only ${completed} of ${RUNS} runs completed`);
  const checkpointed = runs.reduce((sum, run) => sum + run.steps.filter((step) => step.via === "checkpoint").length, 0);

  // Baseline: the SDK alone, answering the same call requests with the same parallelism (64 runs at a time).
  const sdkStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < RUNS) await driveDirectly(handler, next++);
    }),
  );
  const sdkMsPerRun = (performance.now() - sdkStarted) / RUNS;

  const msPerRun = executorMs / RUNS;
  const report = {
    protocol: PROTOCOL,
    runs: RUNS,
    stepsPerRun: STEPS,
    handlerCalls,
    stepsCheckpointed: checkpointed,
    wallMs: Math.round(executorMs),
    runsPerSecond: Math.round((RUNS / executorMs) * 1000),
    msPerStepIncludingSdk: round(msPerRun / STEPS),
    sdkOnlyMsPerStep: round(sdkMsPerRun / STEPS),
    // The baseline replays one step per request, so a difference is an overhead only in that mode.
    executorOverheadMsPerStep: PROTOCOL === "legacy" ? round((msPerRun - sdkMsPerRun) / STEPS) : null,
    method: `wall time for ${RUNS} runs through the in-process serve handler (virtual clock); baseline drives the same handler directly, one step per request as in the legacy protocol (${PARALLEL} runs at a time, same memoized state, no executor); overhead = difference per step`,
  };
  console.log(JSON.stringify(report, null, 2));
  await local.stop();
}

/** Replays one run's protocol by hand: call, memoize the StepRun, call again, until 200. */
async function driveDirectly(handler: (request: Request) => Promise<Response>, n: number): Promise<void> {
  const steps: Record<string, { data: unknown }> = {};
  const stack: string[] = [];
  const event = { id: `e${n}`, name: "bench/go", data: { n }, ts: 0 };
  for (;;) {
    const response = await handler(
      new Request("http://bench.invalid/api/inngest?fnId=bench-five-steps&stepId=step", {
        method: "POST",
        headers: { "content-type": "application/json", host: "bench.invalid" },
        body: JSON.stringify({
          version: 2,
          event,
          events: [event],
          steps,
          ctx: { run_id: `r${n}`, attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack, current: stack.length - 1 } },
        }),
      }),
    );
    if (response.status === 200) return;
    const [op] = (await response.json()) as Array<{ id: string; data: unknown }>;
    if (!op) throw new Error("empty op list");
    steps[op.id] = { data: op.data };
    stack.push(op.id);
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

await main();
