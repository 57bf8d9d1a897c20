import { configureCpuPool, cpuPool, startEmbeddedRuntime, type EmbeddedRuntime } from "@repo/console-inngest";
import { jsonLinesLogger } from "@repo/inngest-local";
import type { RuntimeSettings } from "../config/services";
import { bundledCpuWorker } from "./bundle-assets";

const SILENT = { info() {}, warn() {}, error() {}, debug() {} };

/**
 * The SDK's logger when debugging: `console`, but writing every level to stderr — the SDK logs
 * at info level ("Registered inngest functions"), and stdout carries only the command's output
 * (`--json` prints exactly one JSON document there).
 */
const stderrConsole = () => new console.Console({ stdout: process.stderr, stderr: process.stderr });

/**
 * Step calls in flight at once. With two, a batch's write (this thread) and the next batch's
 * chunking (the CPU worker) were often all there was: each thread then waited for the other
 * between batches (~6.6 s of this thread and ~9.9 s of the worker idle in a 29 s full sync of
 * 3,000 files). With four, more batches' chunking waits in the worker's queue and a chunked batch
 * is ready to write more often: interleaved full syncs (4 rounds) took 29.05/26.99/25.51/24.69 s
 * with two, 26.80/26.43/22.98/23.13 s with four (three: 27.30/26.48/22.99/24.96 s; six was no
 * faster than four), for ~10 MiB more peak RSS.
 */
const MAX_IN_FLIGHT = 4;

export interface RuntimeOptions {
  debug?: boolean;
  /** The command will chunk and embed (a sync): start the CPU workers now, not with the first task. */
  cpuWork?: boolean;
}

/**
 * The embedded runtime tuned for an interactive process: at most MAX_IN_FLIGHT step calls at once
 * (the runtime yields to the event loop before each, so progress polls and Ctrl-C get a turn
 * between steps, not after every batch in flight), and quiet SDK logs unless debugging —
 * failures reach the user through the job's error and the CLI's message.
 */
export async function startRuntime(settings: RuntimeSettings, options: RuntimeOptions = {}): Promise<EmbeddedRuntime> {
  const debug = options.debug === true;
  if (bundledCpuWorker) await configureCpuPool({ workerEntry: bundledCpuWorker });
  // The workers start while this thread opens the database and plans: a full sync of 3,000 files
  // otherwise started its first worker only with its first task, ~2.5 s in, and waited ~0.3 s for it.
  if (options.cpuWork) cpuPool().warm();
  return startEmbeddedRuntime({
    ...settings,
    clock: "real",
    // A one-shot process cannot wait an hour for backoff: `tributary retry` re-sends failed work.
    recovery: { delaysMs: [] },
    maxInFlight: MAX_IN_FLIGHT,
    sdkLogger: debug ? stderrConsole() : SILENT,
    ...(debug ? { logger: jsonLinesLogger((line) => process.stderr.write(`${line}\n`)) } : {}),
  });
}
