import { writeFile } from "node:fs/promises";
import { cpuPool, stageSpans, stageTimings, type WorkerMemory, type EmbeddedRuntime, type SourceSpec } from "@repo/console-inngest";
import type { SyncSummary } from "@repo/console-types";
import { parseCommand, positiveNumber } from "../cli/args";
import { EXIT, exitCodeForFailedJob, usageError, type ExitCode } from "../errors";
import { createProgressReporter } from "../output/progress-reporter";
import { renderSummary } from "../output/summary-table";
import { limitHeapGrowth } from "../runtime/heap-growth";
import { openRuntime } from "../runtime/open-runtime";
import { itemSpecWithToken } from "../source/item-target";
import { sourceSpecFor } from "../source/connect-target";
import { parseTarget } from "../source/parse-target";
import { runSync } from "../sync/run-sync";
import { summaryFromJob } from "../sync/summary";
import { recordSyncedHead } from "../sync/synced-heads";
import { DEFAULT_WATCH_INTERVAL_SECONDS, watchBranch } from "../sync/watch";
import { settingsFor, writeJson, type CommandIo } from "./context";
import { SYNC_OPTIONS } from "./sync-entry";

export const SYNC_HELP = `tributary sync <path | github:owner/repo | https://github.com/owner/repo | item source> [options]

Connects the repository if it is new and indexes its committed tree (the branch head).
Item sources (token from the environment; only what changed since the last sync is read):
  linear:<team-key>                 LINEAR_API_KEY
  notion:<page-or-database-id>      NOTION_TOKEN      (or notion:workspace)
  slack:<channel-id-or-name>        SLACK_BOT_TOKEN   (or slack:workspace)
  vercel:<project-id-or-name>       VERCEL_TOKEN      (or vercel:team; VERCEL_TEAM_ID scopes to a team)
  --branch <name>       branch to index (default: the checked-out branch, or GitHub's default)
  --watch               keep running and re-sync a local repository on new commits
  --interval <seconds>  how often --watch looks for new commits (default ${DEFAULT_WATCH_INTERVAL_SECONDS})
  --json                print one JSON summary on stdout (progress stays on stderr)`;

export async function syncCommand(args: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals, services, help } = parseCommand(args, SYNC_OPTIONS);
  if (help) return (io.stdout.write(`${SYNC_HELP}\n`), EXIT.OK);
  const [raw, ...extra] = positionals;
  if (!raw || extra.length > 0) throw usageError(`sync takes one repository\n\n${SYNC_HELP}`);
  const branch = typeof values.branch === "string" ? values.branch : undefined;
  const json = values.json === true;
  const target = parseTarget(raw);
  if (values.watch === true && target.kind !== "local")
    throw usageError("--watch follows local repositories; other sources follow their webhooks through the console");
  if (target.kind === "item" && branch !== undefined) throw usageError(`--branch applies to repositories, not to ${target.scope.provider} sources`);
  const settings = settingsFor(io, services);

  // Validate the repository before opening the database: a typo changes nothing.
  const resolved =
    target.kind === "item" ? { spec: itemSpecWithToken(target.scope, settings), requests: 0 } : await sourceSpecFor(target, io.cwd, settings.github, branch);
  limitHeapGrowth();
  const memory = settings.stageTimingsFile ? sampleMemory() : undefined;
  const opening = performance.now();
  const runtime = await openRuntime(settings, { cpuWork: true });
  const phases = { openMs: performance.now() - opening, closeMs: 0 };
  try {
    const connected = new Set<string>();
    const once = () => syncOnce(runtime, resolved.spec, io, { json, connected, ...(settings.databaseUrl ? {} : { dataDir: settings.dataDir }) });
    const first = await once();
    if (values.watch !== true) return first.code;
    const intervalMs = positiveNumber(typeof values.interval === "string" ? values.interval : undefined, "--interval", DEFAULT_WATCH_INTERVAL_SECONDS) * 1000;
    io.stderr.write(`watching ${resolved.spec.location} (${resolved.spec.branch}) for new commits; Ctrl-C to stop\n`);
    let indexed = first.commit;
    await watchBranch(resolved.spec.location, resolved.spec.branch, intervalMs, indexed, async () => {
      // A failed sync is reported and watching goes on: the next commit may fix it.
      indexed = await once().then(
        (result) => result.commit || indexed,
        (error: unknown) => (io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`), indexed),
      );
      return indexed;
    });
    return EXIT.OK;
  } finally {
    const closing = performance.now();
    await runtime.close();
    phases.closeMs = performance.now() - closing;
    if (settings.stageTimingsFile)
      await writeFile(settings.stageTimingsFile, JSON.stringify({ ...phases, stages: stageTimings(), spans: stageSpans(), memory: memory?.stop() }));
  }
}

async function syncOnce(
  runtime: EmbeddedRuntime,
  spec: SourceSpec,
  io: CommandIo,
  options: { json: boolean; connected: Set<string>; dataDir?: string | undefined },
): Promise<{ code: ExitCode; commit: string }> {
  const reporter = createProgressReporter(io.stderr);
  let result;
  try {
    result = await runSync(runtime, spec, { onProgress: (p) => reporter.update(p), connected: options.connected });
  } finally {
    reporter.finish();
  }
  const summary = summaryFromJob(result.job, result.source);
  // The no-change check's hint (sync/synced-heads.ts), for local repositories in a data directory.
  if (options.dataDir && spec.provider === "local" && summary.status === "succeeded" && summary.commit)
    recordSyncedHead(options.dataDir, spec.location, spec.branch, summary.commit);
  if (options.json) writeJson(io, summary);
  else io.stdout.write(`${renderSummary(summary)}\n`);
  return { code: reportOutcome(summary, result.job, result.source.provider, io), commit: summary.commit };
}

/** Succeeded → 0; otherwise says why on stderr and picks the exit code a script can act on (by the job's error code). */
function reportOutcome(summary: SyncSummary, job: { error: string | null; errorCode: string | null }, provider: string, io: CommandIo): ExitCode {
  if (summary.status === "succeeded") return EXIT.OK;
  const reason = job.error ?? summary.status;
  if (summary.status !== "failed") {
    io.stderr.write(`sync ${summary.status}: ${reason}\n`);
    return EXIT.SYNC_FAILED;
  }
  const exit = exitCodeForFailedJob(job, provider);
  if (exit === EXIT.CONFIG) io.stderr.write(`sync failed: invalid tributary.yml; the previous index is unchanged\n${reason}\n`);
  else io.stderr.write(`sync failed: ${reason}; the previous index is unchanged\n`);
  return exit;
}

/**
 * Peaks of this thread's JS heap and of V8's `external` count (WebAssembly memories at their full
 * size — PGlite's 128 MiB, resident or not — plus ArrayBuffers and Buffers, also peaked alone),
 * sampled for the benchmark with the CPU pool workers' peaks (each reports after every task):
 * the process's peak RSS alone does not say which one to shrink.
 */
function sampleMemory(): { stop(): { heapUsed: number; external: number; arrayBuffers: number; workers: WorkerMemory } } {
  const peak = { heapUsed: 0, external: 0, arrayBuffers: 0 };
  const sample = () => {
    const { heapUsed, external, arrayBuffers } = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
    peak.external = Math.max(peak.external, external);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, arrayBuffers);
  };
  const timer = setInterval(sample, 200);
  timer.unref();
  return { stop: () => (clearInterval(timer), sample(), { ...peak, workers: cpuPool().memoryPeaks() }) };
}
