import { searchIndex, type SearchHit } from "@repo/console-inngest";
import { listedSources, type SourceRow } from "@repo/console-db";
import { notFound } from "next/navigation";
import { Field } from "~/components/field";
import { accessForPage } from "~/components/runtime-gate";
import { fileUrl, isItemSource, shortCommit } from "~/server/format";

export const dynamic = "force-dynamic";

type Source = SourceRow;

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string; source?: string }> }) {
  const { q = "", source = "" } = await searchParams;
  const { access, notice } = await accessForPage();
  if (!access) return notice;
  const { runtime, workspace } = access;
  // Only the workspace's listed sources: a removed source's vectors may still be on their way
  // out, and the store's vectors are filtered to these ids whatever the query string says.
  const listed = await listedSources(runtime.database.db, workspace.id);
  if (source && !listed.some((s) => s.id === source)) notFound();
  const sources = new Map(listed.map((s) => [s.id, s]));
  const sourceIds = listed.filter((s) => !source || s.id === source).map((s) => s.id);
  const query = q.trim();
  const hits = query && sourceIds.length > 0 ? await searchIndex(runtime.deps, await runtime.storeFor(workspace.id), query, { topK: 10, sourceIds }) : [];
  return (
    <>
      <h1>Search</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role="search" is the ARIA search-landmark pattern and keeps the form's semantics */}
      <form method="get" className="stack" role="search">
        <Field label="Query" name="q" defaultValue={q} placeholder='how are retries handled   (also path:src lang:ts "exact phrase")' />
        <div className="field">
          <label htmlFor="source">Source</label>
          <select id="source" name="source" defaultValue={source}>
            <option value="">All sources</option>
            {listed.map((s) => (
              <option key={s.id} value={s.id}>
                {s.fullName}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      {query ? (
        <p className="muted" role="status">
          {hits.length === 0 ? "No results." : `${hits.length} best matches, best first.`}
        </p>
      ) : null}
      <ol className="results">
        {hits.map((hit) => (
          <Result key={`${hit.sourceId}:${hit.path}:${hit.startLine}`} hit={hit} source={sources.get(hit.sourceId)} />
        ))}
      </ol>
    </>
  );
}

function Result({ hit, source }: { hit: SearchHit; source: Source | undefined }) {
  // An item (Linear issue, Notion page, Slack thread, Vercel deployment) links to itself in its service.
  const url = hit.url ?? (source ? fileUrl(source, hit.commit, hit.path, { start: hit.startLine, end: hit.endLine }) : undefined);
  const item = source ? isItemSource(source) : hit.url !== undefined;
  return (
    <li className="result" data-path={hit.path} {...(hit.url ? { "data-url": hit.url } : {})}>
      <div>
        {url ? <a href={url}>{hit.path}</a> : <code>{hit.path}</code>}{" "}
        <span className="muted">
          {item ? (
            (source?.fullName ?? hit.sourceId)
          ) : (
            <>
              lines {hit.startLine}–{hit.endLine} · {source?.fullName ?? hit.sourceId} @{" "}
              <code>{source ? shortCommit(source, hit.commit) : hit.commit.slice(0, 7)}</code>
            </>
          )}{" "}
          · score {hit.score.toFixed(3)}
        </span>
      </div>
      {hit.otherRanges.length > 0 ? <div className="muted">also lines {hit.otherRanges.map((r) => `${r.startLine}–${r.endLine}`).join(", ")}</div> : null}
      <pre>
        <Highlighted text={hit.snippet} highlights={hit.highlights} />
      </pre>
    </li>
  );
}

/** The snippet with the query's matches in <mark>. */
function Highlighted({ text, highlights }: { text: string; highlights: ReadonlyArray<readonly [number, number]> }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at) continue;
    parts.push(text.slice(at, start), <mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
