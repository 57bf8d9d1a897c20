import { parseCommand } from "../cli/args";
import { EXIT, type ExitCode } from "../errors";
import { wasmIsBaselineOnly } from "../runtime/baseline-wasm";
import { settingsFor, writeJson, type CommandIo } from "./context";

/** The options `sync` takes (commands/sync.ts parses the same). */
export const SYNC_OPTIONS = {
  branch: { type: "string" },
  watch: { type: "boolean" },
  interval: { type: "string" },
  json: { type: "boolean" },
} as const;

/**
 * `tributary sync`: a re-sync of a local repository in which nothing changed is answered without
 * starting the runtime (sync/unchanged.ts: exact, or it declines); everything else — and every
 * error, reported in the full sync's words — goes to the full sync in commands/sync.ts, whose
 * modules (executor, workflows, SDKs) load only then.
 */
export async function syncEntry(args: string[], io: CommandIo): Promise<ExitCode> {
  const done = io.env[FULL_SYNC] === "1" ? undefined : await unchanged(args, io).catch(() => undefined);
  if (done !== undefined) return done;
  // The check ran PGlite as baseline code only, which this process cannot undo for the next open:
  // the full sync (long, WebAssembly-heavy) gets a process of its own.
  if (wasmIsBaselineOnly()) {
    const code = await fullSyncInFreshProcess(args, io);
    if (code !== undefined) return code;
  }
  return (await import("./sync")).syncCommand(args, io);
}

/** Set for a full sync started by fullSyncInFreshProcess: it skips the no-change check (just made). */
const FULL_SYNC = "TRIBUTARY_FULL_SYNC";

/**
 * `tributary sync <args>` again as a child process, output to this one's terminal, returning its
 * exit code. Only when this process is the binary running that command line (not, e.g., runCli
 * in a test): otherwise undefined, and the caller syncs here.
 */
async function fullSyncInFreshProcess(args: string[], io: CommandIo): Promise<ExitCode | undefined> {
  const script = process.argv[1];
  if (!script || io.stdout !== process.stdout || io.stderr !== process.stderr) return undefined;
  if (process.argv.slice(2).join("\0") !== ["sync", ...args].join("\0")) return undefined;
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [...process.execArgv, script, "sync", ...args], {
    cwd: io.cwd,
    env: { ...io.env, [FULL_SYNC]: "1" },
    stdio: "inherit",
  });
  // Ctrl-C reaches the child as well (one process group): it stops the sync, and this process
  // exits with its code. A SIGTERM sent to this process alone is passed on.
  const ignore = () => {};
  const forward = () => child.kill("SIGTERM");
  process.on("SIGINT", ignore);
  process.on("SIGTERM", forward);
  try {
    return await new Promise<ExitCode>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve((code ?? (signal ? EXIT.INTERRUPTED : EXIT.SYNC_FAILED)) as ExitCode));
    });
  } finally {
    process.off("SIGINT", ignore);
    process.off("SIGTERM", forward);
  }
}

async function unchanged(args: string[], io: CommandIo): Promise<ExitCode | undefined> {
  const { values, positionals, services, help } = parseCommand(args, SYNC_OPTIONS);
  const [raw, ...extra] = positionals;
  // Local paths only: `github:`, URLs and item sources (`linear:ENG`) all have a colon.
  if (help || values.watch === true || !raw || extra.length > 0 || raw.includes(":")) return undefined;
  const settings = settingsFor(io, services);
  if (settings.stageTimingsFile) return undefined;
  const { tryUnchangedSync } = await import("../sync/unchanged");
  const branch = typeof values.branch === "string" ? values.branch : undefined;
  const recorded = await tryUnchangedSync(settings, { path: raw, cwd: io.cwd, ...(branch ? { branch } : {}) }, (reason) => {
    if (settings.debug) io.stderr.write(`sync: full run (${reason})\n`);
  });
  if (!recorded) return undefined;
  const { summaryFromJob } = await import("../sync/summary");
  const summary = summaryFromJob(recorded.job, recorded.source);
  io.stderr.write(`up to date: ${summary.source} at ${summary.commit.slice(0, 8)}, nothing changed since the last sync\n`);
  if (values.json === true) writeJson(io, summary);
  else io.stdout.write(`${(await import("../output/summary-table")).renderSummary(summary)}\n`);
  return EXIT.OK;
}
