import { deleteRequested, removeSource } from "@repo/console-inngest";
import { z } from "zod";
import { parseCommand } from "../cli/args";
import { CliError, EXIT, usageError, type ExitCode } from "../errors";
import { openRuntime } from "../runtime/open-runtime";
import { findSource } from "../source/find-source";
import { untilNoRunIsOpen } from "../sync/until-settled";
import { settingsFor, writeJson, type CommandIo } from "./context";

export const SOURCES_HELP = `tributary sources remove <source> [--json]

Removes a source with all its documents and vectors (name, owner/name, id or local path).`;

const DeletedSchema = z.object({ documents: z.number(), vectors: z.number() });

export async function sourcesCommand(args: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals, services, help } = parseCommand(args, { json: { type: "boolean" } });
  if (help) return (io.stdout.write(`${SOURCES_HELP}\n`), EXIT.OK);
  const [action, query, ...extra] = positionals;
  if (action !== "remove" || !query || extra.length > 0) throw usageError(SOURCES_HELP);
  const runtime = await openRuntime(settingsFor(io, services));
  try {
    const { db } = runtime.database;
    const source = await findSource(db, runtime.workspaceId, query, io.cwd);
    // Out of search at once; documents.delete then removes vectors by the source's id prefix, its
    // manifest and edges. If that is cut short, the next sync of the source finishes it.
    const removal = await removeSource({ db }, source.id, "removed with tributary sources remove");
    if (!removal) throw new CliError(`${source.fullName} is already removed`, EXIT.USAGE);
    const { ids } = await runtime.inngest.send(deleteRequested.create({ sourceId: source.id, connection: removal.connection }));
    await untilNoRunIsOpen(runtime);
    const run = runtime.local.runs().find((r) => r.event.id === ids[0] && r.functionId.endsWith("documents-delete"));
    if (run?.status !== "completed")
      throw new CliError(
        `removing ${source.fullName} did not finish: ${run?.error?.message ?? "the delete did not run"}; it is out of search, and connecting it again clears what is left`,
        EXIT.SYNC_FAILED,
        true,
      );
    const deleted = DeletedSchema.parse(run.output);
    if (values.json === true) writeJson(io, { source: source.fullName, ...deleted });
    else io.stdout.write(`removed ${source.fullName}: ${deleted.documents} documents, ${deleted.vectors} vectors\n`);
    return EXIT.OK;
  } finally {
    await runtime.close();
  }
}
