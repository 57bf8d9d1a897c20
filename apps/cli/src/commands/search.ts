import { listSources, type SearchHit } from "@repo/console-inngest/search";
import { parseCommand, positiveInt } from "../cli/args";
import { CliError, EXIT, usageError, type ExitCode } from "../errors";
import { compileWasmBaselineOnly } from "../runtime/baseline-wasm";
import { pgliteCompiledEarly } from "../runtime/early-wasm";
import { explainStartupError } from "../runtime/startup-errors";
import { findSource } from "../source/find-source";
import { settingsFor, writeJson, type CommandIo } from "./context";
import { neverSynced } from "./never-synced";
import { renderResults } from "./render-search";

export const SEARCH_HELP = `tributary search "<query>" [options]

Hybrid search (lexical + vector): the best-matching files, best first, each with its best chunk.
  --source <name>   only this source (name, owner/name, id or local path)
  -k <n>            how many results (default 10)
  --chunks          one result per chunk instead of per file
  --json            print { results: [{ source, path, startLine, endLine, score, snippet,
                    snippetStartLine, highlights, otherRanges }] }
Query syntax: path:<part of a path>  lang:<ts|js|py|go|rust|md|…>  source:<name>  "exact phrase"`;

export interface SearchResult {
  source: string;
  path: string;
  startLine: number;
  endLine: number;
  score: number;
  snippet: string;
  snippetStartLine: number;
  highlights: Array<[number, number]>;
  otherRanges: Array<{ startLine: number; endLine: number }>;
}

export async function searchCommand(args: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals, services, help } = parseCommand(args, {
    source: { type: "string" },
    k: { type: "string", short: "k" },
    chunks: { type: "boolean" },
    json: { type: "boolean" },
  });
  if (help) return (io.stdout.write(`${SEARCH_HELP}\n`), EXIT.OK);
  const query = positionals.join(" ").trim();
  if (!query) throw usageError(`search needs a query\n\n${SEARCH_HELP}`);
  const topK = positiveInt(typeof values.k === "string" ? values.k : undefined, "-k", 10);
  const settings = settingsFor(io, services);
  if (neverSynced(settings)) {
    if (typeof values.source === "string") throw new CliError(`no source matches "${values.source}"; sources:\n  (none yet)`, EXIT.SOURCE);
    if (values.json === true) writeJson(io, { results: [] });
    else io.stdout.write(`nothing indexed yet in ${settings.dataDir}: run \`tributary sync <path>\` first\n`);
    return EXIT.OK;
  }
  // Only what a search needs: the database once, no executor, no workflows (a fast start).
  const { openSearchRuntime, searchIndex } = await import("@repo/console-inngest/search");
  compileWasmBaselineOnly();
  const pgliteWasm = pgliteCompiledEarly();
  const runtime = await openSearchRuntime({ ...settings, ...(pgliteWasm ? { pgliteWasm } : {}) }).catch((error: unknown) => {
    throw explainStartupError(error, settings);
  });
  try {
    const { db } = runtime.database;
    const scope =
      typeof values.source === "string" ? [await findSource(db, runtime.workspaceId, values.source, io.cwd)] : await listSources(db, runtime.workspaceId);
    const inStore = scope.filter((s) => s.storeId === runtime.store.id);
    let results: SearchResult[] = [];
    if (inStore.length > 0) {
      const hits = await searchIndex(runtime.deps, runtime.store, query, { topK, sourceIds: inStore.map((s) => s.id), group: values.chunks !== true });
      const names = new Map(inStore.map((s) => [s.id, s.fullName]));
      results = hits.map((hit) => toResult(hit, names));
    }
    if (values.json === true) writeJson(io, { results });
    else io.stdout.write(inStore.length === 0 ? "nothing indexed yet: run `tributary sync <path>` first\n" : renderResults(results, io.stdout.isTTY === true));
    return EXIT.OK;
  } finally {
    await runtime.close();
  }
}

function toResult(hit: SearchHit, names: ReadonlyMap<string, string>): SearchResult {
  return {
    source: names.get(hit.sourceId) ?? hit.sourceId,
    path: hit.path,
    startLine: hit.startLine,
    endLine: hit.endLine,
    score: Number(hit.score.toFixed(6)),
    snippet: hit.snippet,
    snippetStartLine: hit.snippetStartLine,
    highlights: hit.highlights,
    otherRanges: hit.otherRanges,
  };
}
