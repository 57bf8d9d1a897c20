import { commitUrl, formatDuration, jobDuration, jobEta, sourceStatus } from "~/server/format";
import { listSources } from "~/server/queries";
import { getRuntime } from "~/server/runtime";

export const dynamic = "force-dynamic";

export default async function SourcesPage() {
  const { database } = await getRuntime();
  const rows = await listSources(database.db);
  const syncing = rows.some((r) => sourceStatus(r.source, r.lastJob) === "syncing");
  return (
    <>
      {/* Live progress without client code: the page reloads itself while a sync runs. */}
      {syncing ? <meta httpEquiv="refresh" content="2" /> : null}
      <h1>Sources</h1>
      {rows.length === 0 ? (
        <p>
          No repository yet. <a href="/connect">Connect one</a>.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Source</th>
              <th>Status</th>
              <th>Synced commit</th>
              <th>Documents</th>
              <th>Chunks</th>
              <th>Last sync</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ source, size, lastJob }) => {
              const status = sourceStatus(source, lastJob);
              const eta = lastJob ? jobEta(lastJob) : undefined;
              const link = source.syncedCommit ? commitUrl(source, source.syncedCommit) : undefined;
              return (
                <tr key={source.id} data-source={source.fullName}>
                  <td>
                    <a href={`/sources/${source.id}`}>{source.fullName}</a> <span className="muted">{source.branch}</span>
                  </td>
                  <td>
                    <span className={`badge ${status}`}>{status}</span>
                    {status === "syncing" && lastJob ? (
                      <div>
                        <progress max={Math.max(lastJob.batchesTotal, 1)} value={lastJob.batchesDone} aria-label={`sync progress of ${source.fullName}`} />{" "}
                        {lastJob.batchesDone}/{lastJob.batchesTotal} batches{eta !== undefined ? `, ETA ${formatDuration(eta)}` : ""}
                      </div>
                    ) : null}
                  </td>
                  <td>{source.syncedCommit ? link ? <a href={link}>{source.syncedCommit.slice(0, 7)}</a> : <code>{source.syncedCommit.slice(0, 7)}</code> : "—"}</td>
                  <td>{size.documents}</td>
                  <td>{size.chunks}</td>
                  <td>{lastJob ? `${lastJob.status}, ${formatDuration(jobDuration(lastJob) ?? 0)}` : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
