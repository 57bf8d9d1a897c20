import { parseCommand } from "../cli/args";
import { EXIT, type ExitCode } from "../errors";
import { renderTable } from "../output/table";
import { compileWasmBaselineOnly } from "../runtime/baseline-wasm";
import { pgliteCompiledEarly } from "../runtime/early-wasm";
import { explainStartupError } from "../runtime/startup-errors";
import { settingsFor, writeJson, type CommandIo } from "./context";
import { neverSynced } from "./never-synced";

export const STATUS_HELP = `tributary status [--json]

Sources with their last sync, document counts and last errors.`;

export async function statusCommand(args: string[], io: CommandIo): Promise<ExitCode> {
  const { values, services, help } = parseCommand(args, { json: { type: "boolean" } });
  if (help) return (io.stdout.write(`${STATUS_HELP}\n`), EXIT.OK);
  const settings = settingsFor(io, services);
  if (neverSynced(settings)) {
    if (values.json === true) writeJson(io, { database: settings.dataDir, store: null, sources: [] });
    else io.stdout.write(`nothing synced yet in ${settings.dataDir}: run \`tributary sync <path>\`\n`);
    return EXIT.OK;
  }
  // Reads only: the database once, no executor and no workflows (as search), so status starts fast.
  const { openSearchRuntime, documentCountsBySource, lastJobBySource, listSources, readMetricFigures } = await import("@repo/console-inngest/search");
  compileWasmBaselineOnly();
  const pgliteWasm = pgliteCompiledEarly();
  const runtime = await openSearchRuntime({ ...settings, ...(pgliteWasm ? { pgliteWasm } : {}) }).catch((error: unknown) => {
    throw explainStartupError(error, settings);
  });
  try {
    const { db } = runtime.database;
    const sources = await listSources(db, runtime.workspaceId);
    const counts = await documentCountsBySource(db);
    const lastJobs = await lastJobBySource(db);
    // The same figures /api/metrics serves (all jobs of the source, summed from the database).
    const figures = new Map((await readMetricFigures(db, new Date())).sources.map((f) => [f.sourceId, f]));
    const report = sources.map((s) => {
      const f = figures.get(s.id);
      const c = counts.get(s.id);
      const job = lastJobs.get(s.id);
      return {
        source: s.fullName,
        id: s.id,
        provider: s.provider,
        location: s.location,
        branch: s.branch,
        status: s.status,
        syncedCommit: s.syncedCommit,
        syncedAt: s.syncedAt?.toISOString() ?? null,
        documents: { indexed: c?.indexed ?? 0, skipped: c?.skipped ?? 0, failed: c?.failed ?? 0 },
        chunks: c?.chunks ?? 0,
        lastError: s.lastError,
        lastJob: job
          ? {
              id: job.id,
              status: job.status,
              trigger: job.trigger,
              commit: job.target_commit,
              finishedAt: job.finished_at?.toISOString() ?? null,
              error: job.error,
            }
          : null,
        metrics: f
          ? {
              jobs: f.jobs,
              files: f.files,
              chunks: f.chunks,
              embeddingRequests: f.embeddingRequests,
              syncSecondsTotal: f.durationsSeconds.reduce((n, v) => n + v, 0),
              lastSuccessAt: f.lastSuccessAt,
              openAlerts: f.openAlerts,
              openDeadLetters: f.openDeadLetters,
            }
          : null,
      };
    });
    const store = {
      name: runtime.store.name,
      embedding: `${runtime.store.embeddingProvider}/${runtime.store.embeddingModel}`,
      dimensions: runtime.store.embeddingDimensions,
      vectors: runtime.store.vectorBackend,
    };
    if (values.json === true) {
      writeJson(io, { database: settings.databaseUrl ? "postgres" : settings.dataDir, store, sources: report });
      return EXIT.OK;
    }
    io.stdout.write(`store ${store.name} (${store.embedding}, ${store.dimensions} dims, ${store.vectors})\n`);
    if (report.length === 0) return (io.stdout.write("no sources yet: run `tributary sync <path>`\n"), EXIT.OK);
    const rows = [["source", "branch", "commit", "docs", "chunks", "skipped", "failed", "last sync"]];
    for (const r of report) {
      rows.push([
        r.source,
        r.branch,
        r.syncedCommit?.slice(0, 8) ?? "-",
        String(r.documents.indexed),
        String(r.chunks),
        String(r.documents.skipped),
        String(r.documents.failed),
        r.lastJob ? `${r.lastJob.status} ${r.lastJob.finishedAt ?? ""}`.trim() : "never",
      ]);
    }
    io.stdout.write(`${renderTable(rows)}\n`);
    for (const r of report) if (r.lastError) io.stdout.write(`\n${r.source}: ${r.lastError}\n`);
    return EXIT.OK;
  } finally {
    await runtime.close();
  }
}
