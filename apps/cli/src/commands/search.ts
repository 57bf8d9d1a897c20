import { createSyncDeps } from "@repo/console-inngest";
import type { VectorMatch } from "@repo/console-types";
import { parseCommand, positiveInt } from "../cli/args";
import { EXIT, usageError, type ExitCode } from "../errors";
import { openRuntime } from "../runtime/open-runtime";
import { findSource, listSources } from "../source/find-source";
import { settingsFor, writeJson, type CommandIo } from "./context";

export const SEARCH_HELP = `tributary search "<query>" [options]

Ranked chunks of the indexed repositories, best first.
  --source <name>   only this source (name, owner/name, id or local path)
  -k <n>            how many results (default 10)
  --json            print { results: [{ source, path, startLine, endLine, score, snippet }] }`;

export interface SearchResult {
  source: string;
  path: string;
  startLine: number;
  endLine: number;
  score: number;
  snippet: string;
}

export async function searchCommand(args: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals, services, help } = parseCommand(args, {
    source: { type: "string" },
    k: { type: "string", short: "k" },
    json: { type: "boolean" },
  });
  if (help) return io.stdout.write(`${SEARCH_HELP}\n`), EXIT.OK;
  const query = positionals.join(" ").trim();
  if (!query) throw usageError(`search needs a query\n\n${SEARCH_HELP}`);
  const topK = positiveInt(typeof values.k === "string" ? values.k : undefined, "-k", 10);
  const settings = settingsFor(io, services);
  const runtime = await openRuntime(settings);
  try {
    const { db } = runtime.database;
    const scope = typeof values.source === "string" ? [await findSource(db, runtime.workspaceId, values.source, io.cwd)] : await listSources(db, runtime.workspaceId);
    const inStore = scope.filter((s) => s.storeId === runtime.store.id);
    let results: SearchResult[] = [];
    if (inStore.length > 0) {
      const deps = createSyncDeps({ ...settings, db });
      const [vector] = await deps.embedder(runtime.store).embed([query], "query");
      if (!vector) throw new Error("the embedder returned no vector for the query");
      const matches = await deps.vectorStore(runtime.store).query({ vector, topK, filter: { sourceId: inStore.map((s) => s.id) } });
      const names = new Map(inStore.map((s) => [s.id, s.fullName]));
      results = matches.map((m) => toResult(m, names));
    }
    if (values.json === true) writeJson(io, { results });
    else io.stdout.write(inStore.length === 0 ? "nothing indexed yet: run `tributary sync <path>` first\n" : renderResults(results));
    return EXIT.OK;
  } finally {
    await runtime.close();
  }
}

function toResult(match: VectorMatch, names: ReadonlyMap<string, string>): SearchResult {
  const m = match.metadata;
  return { source: names.get(m.sourceId) ?? m.sourceId, path: m.path, startLine: m.startLine, endLine: m.endLine, score: Number(match.score.toFixed(4)), snippet: m.snippet };
}

function renderResults(results: readonly SearchResult[]): string {
  if (results.length === 0) return "no results\n";
  return results
    .map((r, i) => {
      const snippet = r.snippet.split("\n").slice(0, 4).map((line) => `     ${line}`).join("\n");
      return `${String(i + 1).padStart(2)}. ${r.path}:${r.startLine}-${r.endLine}  ${r.score.toFixed(3)}  (${r.source})\n${snippet}`;
    })
    .join("\n\n")
    .concat("\n");
}
