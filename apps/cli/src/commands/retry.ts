import { getSource, latestJob, queueRetryOfFailedWork, sourcesWithFailedWork, syncRequested } from "@repo/console-inngest";
import { parseCommand } from "../cli/args";
import { EXIT, usageError, type ExitCode } from "../errors";
import { openRuntime } from "../runtime/open-runtime";
import { findSource } from "../source/find-source";
import { untilNoRunIsOpen } from "../sync/until-settled";
import { settingsFor, writeJson, type CommandIo } from "./context";

export const RETRY_HELP = `tributary retry [source] [--json]

Re-sends the failed work of a source (or of every source with failed files): one sync at the
branch head re-processes exactly the files that failed. Sending it twice queues it once.`;

export async function retryCommand(args: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals, services, help } = parseCommand(args, { json: { type: "boolean" } });
  if (help) return (io.stdout.write(`${RETRY_HELP}\n`), EXIT.OK);
  if (positionals.length > 1) throw usageError(RETRY_HELP);
  const runtime = await openRuntime(settingsFor(io, services), { cpuWork: true });
  try {
    const { db } = runtime.database;
    const query = positionals[0];
    const sourceIds = query ? [(await findSource(db, runtime.workspaceId, query, io.cwd)).id] : await sourcesWithFailedWork(db);
    const results = [];
    for (const sourceId of sourceIds) {
      const request = await queueRetryOfFailedWork(db, sourceId, { trigger: "cli", now: new Date() });
      if (request && !request.duplicate)
        await runtime.inngest.send(syncRequested.create({ sourceId, requestId: request.requestId, commit: null, trigger: "cli" }));
      results.push({ sourceId, queued: request !== null && !request.duplicate, duplicate: request?.duplicate ?? false });
    }
    await untilNoRunIsOpen(runtime);
    const report = [];
    for (const r of results) {
      const job = await latestJob(db, r.sourceId);
      const source = await getSource(db, r.sourceId);
      report.push({
        source: source?.fullName ?? r.sourceId,
        ...r,
        job: job ? { id: job.id, status: job.status, filesIndexed: job.filesIndexed, filesFailed: job.filesFailed } : null,
      });
    }
    if (values.json === true) writeJson(io, { retried: report });
    else if (report.length === 0) io.stdout.write("nothing to retry: no source has failed work\n");
    else
      for (const r of report)
        io.stdout.write(
          `${r.source}: ${r.queued ? "retried" : r.duplicate ? "already retried" : "nothing to retry"}${r.job ? ` — last job ${r.job.status}, ${r.job.filesIndexed} indexed, ${r.job.filesFailed} failed` : ""}\n`,
        );
    return report.some((r) => r.job && r.job.status !== "succeeded") ? EXIT.SYNC_FAILED : EXIT.OK;
  } finally {
    await runtime.close();
  }
}
