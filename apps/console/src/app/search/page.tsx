import { searchIndex } from "@repo/console-inngest";
import { fileUrl } from "~/server/format";
import { sourceNames } from "~/server/queries";
import { getRuntime } from "~/server/runtime";

export const dynamic = "force-dynamic";

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string; source?: string }> }) {
  const { q = "", source = "" } = await searchParams;
  const { database, deps, store } = await getRuntime();
  const sources = await sourceNames(database.db);
  const hits = q.trim() ? await searchIndex(deps, store, q, { topK: 10, ...(source ? { sourceIds: [source] } : {}) }) : [];
  return (
    <>
      <h1>Search</h1>
      <form method="get" className="stack" role="search">
        <label>
          Query
          <input name="q" defaultValue={q} placeholder="how are retries handled" />
        </label>
        <label>
          Source
          <select name="source" defaultValue={source}>
            <option value="">All sources</option>
            {[...sources.values()]
              .filter((s) => s.status !== "removed")
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.fullName}
                </option>
              ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      {q && hits.length === 0 ? <p className="muted">No results.</p> : null}
      <ol>
        {hits.map((hit) => {
          const src = sources.get(hit.sourceId);
          const url = src ? fileUrl(src, hit.commit, hit.path, { start: hit.startLine, end: hit.endLine }) : undefined;
          return (
            <li key={`${hit.sourceId}:${hit.path}:${hit.startLine}`} className="result" data-path={hit.path}>
              <div>
                {url ? <a href={url}>{hit.path}</a> : <code>{hit.path}</code>} <span className="muted">lines {hit.startLine}–{hit.endLine} · {src?.fullName ?? hit.sourceId} · score {hit.score.toFixed(3)}</span>
              </div>
              <pre>{hit.snippet}</pre>
            </li>
          );
        })}
      </ol>
    </>
  );
}
