import { cleanupRequested, sweepRetention, listSources } from "@repo/console-inngest";
import { z } from "zod";
import { parseCommand } from "../cli/args";
import { EXIT, usageError, type ExitCode } from "../errors";
import { openRuntime } from "../runtime/open-runtime";
import { findSource } from "../source/find-source";
import { untilNoRunIsOpen } from "../sync/until-settled";
import { settingsFor, writeJson, type CommandIo } from "./context";

export const CLEANUP_HELP = `tributary cleanup [source] [--force] [--json]

Removes what the index holds beyond each source's synced commit: documents no longer in its tree,
vectors no document accounts for, staged contents of ended jobs. Without a source, every source,
plus old sync requests and activity and the embedding cache beyond its cap. A cleanup that would
delete more than half of a source's documents or vectors is refused (exit 1) unless --force.`;

const OutcomeSchema = z.union([
  z.object({ status: z.literal("cleaned"), documentsDeleted: z.number(), vectorsDeleted: z.number(), stagingDeleted: z.number(), missingVectors: z.number() }),
  z.object({ status: z.literal("refused"), reason: z.string() }),
  z.object({ status: z.literal("skipped"), reason: z.string() }),
]);

export async function cleanupCommand(args: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals, services, help } = parseCommand(args, { json: { type: "boolean" }, force: { type: "boolean" } });
  if (help) return (io.stdout.write(`${CLEANUP_HELP}\n`), EXIT.OK);
  if (positionals.length > 1) throw usageError(CLEANUP_HELP);
  const settings = settingsFor(io, services);
  const runtime = await openRuntime(settings);
  try {
    const { db } = runtime.database;
    const query = positionals[0];
    const sources = query
      ? [await findSource(db, runtime.workspaceId, query, io.cwd)]
      : (await listSources(db, runtime.workspaceId)).filter((s) => s.status === "active");
    const swept = query ? null : await sweepRetention({ db, ...(settings.retention ? { retention: settings.retention } : {}) });
    const { ids } =
      sources.length > 0
        ? await runtime.inngest.send(
            sources.map((s) => cleanupRequested.create({ sourceId: s.id, actor: "cli", ...(values.force === true ? { force: true } : {}) })),
          )
        : { ids: [] };
    await untilNoRunIsOpen(runtime);
    const outcomes = sources.map((source, i) => {
      const run = runtime.local.runs().find((r) => r.event.id === ids[i] && r.functionId.endsWith("source-cleanup"));
      const parsed = OutcomeSchema.safeParse(run?.output);
      return {
        source: source.fullName,
        ...(parsed.success ? parsed.data : { status: "failed" as const, reason: run?.error?.message ?? "the cleanup did not run" }),
      };
    });
    if (values.json === true) writeJson(io, { sources: outcomes, ...(swept ? { retention: swept } : {}) });
    else {
      for (const o of outcomes) {
        io.stdout.write(
          o.status === "cleaned"
            ? `${o.source}: removed ${o.documentsDeleted} documents, ${o.vectorsDeleted} vectors, ${o.stagingDeleted} staged contents\n`
            : `${o.source}: ${o.status} — ${o.reason}${o.status === "refused" ? " (inspect, then run with --force)" : ""}\n`,
        );
      }
      if (swept)
        io.stdout.write(
          `retention: ${Object.entries(swept)
            .map(([k, n]) => `${k} ${n}`)
            .join(", ")}\n`,
        );
    }
    return outcomes.some((o) => o.status === "refused" || o.status === "failed") ? EXIT.SYNC_FAILED : EXIT.OK;
  } finally {
    await runtime.close();
  }
}
