import { schema } from "@repo/console-db";
import { deleteRequested } from "@repo/console-inngest";
import { eq } from "drizzle-orm";
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
  if (help) return io.stdout.write(`${SOURCES_HELP}\n`), EXIT.OK;
  const [action, query, ...extra] = positionals;
  if (action !== "remove" || !query || extra.length > 0) throw usageError(SOURCES_HELP);
  const runtime = await openRuntime(settingsFor(io, services));
  try {
    const { db } = runtime.database;
    const source = await findSource(db, runtime.workspaceId, query, io.cwd);
    // documents.delete removes vectors by the source's id prefix, then its manifest and edges.
    const { ids } = await runtime.inngest.send(deleteRequested.create({ sourceId: source.id }));
    await untilNoRunIsOpen(runtime);
    const run = runtime.local.runs().find((r) => r.event.id === ids[0] && r.functionId.endsWith("documents-delete"));
    if (run?.status !== "completed") throw new CliError(`removing ${source.fullName} failed: ${run?.error?.message ?? "the delete did not run"}; nothing was marked removed (retry may help)`, EXIT.SYNC_FAILED, true);
    const deleted = DeletedSchema.parse(run.output);
    // Forget the synced commit too, so connecting it again indexes it from scratch.
    await db
      .update(schema.sources)
      .set({ status: "removed", statusReason: "removed with tributary sources remove", syncedCommit: null, syncedAt: null, config: null, lastError: null })
      .where(eq(schema.sources.id, source.id));
    if (values.json === true) writeJson(io, { source: source.fullName, ...deleted });
    else io.stdout.write(`removed ${source.fullName}: ${deleted.documents} documents, ${deleted.vectors} vectors\n`);
    return EXIT.OK;
  } finally {
    await runtime.close();
  }
}
