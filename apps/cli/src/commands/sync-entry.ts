import { parseCommand } from "../cli/args";
import { EXIT, type ExitCode } from "../errors";
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
  const done = await unchanged(args, io).catch(() => undefined);
  if (done !== undefined) return done;
  return (await import("./sync")).syncCommand(args, io);
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
