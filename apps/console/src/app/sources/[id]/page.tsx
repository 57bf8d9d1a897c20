import { notFound } from "next/navigation";
import { removeSource, syncNow } from "~/server/actions";
import { commitUrl, formatDuration, jobDuration, jobEta, sourceStatus } from "~/server/format";
import { getSource } from "~/server/queries";
import { getRuntime } from "~/server/runtime";

export const dynamic = "force-dynamic";

export default async function SourcePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ confirm?: string }> }) {
  const [{ id }, { confirm }] = await Promise.all([params, searchParams]);
  const { database } = await getRuntime();
  const detail = await getSource(database.db, id);
  if (!detail) notFound();
  const { source, jobs, problems } = detail;
  const status = sourceStatus(source, jobs[0]);
  return (
    <>
      {status === "syncing" ? <meta httpEquiv="refresh" content="2" /> : null}
      <h1>
        {source.fullName} <span className={`badge ${status}`}>{status}</span>
      </h1>
      <p className="muted">
        {source.provider} · {source.location} · branch {source.branch}
        {source.lastError ? <span className="error"> · {source.lastError}</span> : null}
      </p>
      <div style={{ display: "flex", gap: "1rem" }}>
        <form action={syncNow}>
          <input type="hidden" name="sourceId" value={source.id} />
          <button type="submit">Sync now</button>
        </form>
        {confirm ? (
          <form action={removeSource}>
            <input type="hidden" name="sourceId" value={source.id} />
            <span>Remove {source.fullName} with all its documents and vectors? </span>
            <button type="submit" className="danger">
              Yes, remove
            </button>{" "}
            <a href={`/sources/${source.id}`}>Cancel</a>
          </form>
        ) : (
          <a href={`/sources/${source.id}?confirm=1`}>Remove…</a>
        )}
      </div>

      <h2>Jobs</h2>
      <table>
        <thead>
          <tr>
            <th>Started</th>
            <th>Trigger</th>
            <th>Commit</th>
            <th>Status</th>
            <th>Indexed</th>
            <th>Unchanged</th>
            <th>Deleted</th>
            <th>Skipped</th>
            <th>Failed</th>
            <th>Embedded</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => {
            const eta = jobEta(job);
            const link = job.targetCommit ? commitUrl(source, job.targetCommit) : undefined;
            const skipped = Object.values(job.skippedByReason).reduce((n, v) => n + v, 0);
            return (
              <tr key={job.id} data-job={job.id}>
                <td>{job.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td>{job.trigger}</td>
                <td>{job.targetCommit ? link ? <a href={link}>{job.targetCommit.slice(0, 7)}</a> : <code>{job.targetCommit.slice(0, 7)}</code> : "—"}</td>
                <td>
                  <span className={`badge ${job.status}`}>{job.status}</span>
                  {job.status === "running" ? ` ${job.batchesDone}/${job.batchesTotal} batches${eta !== undefined ? `, ETA ${formatDuration(eta)}` : ""}` : ""}
                  {job.error ? <div className="error">{job.error}</div> : null}
                </td>
                <td>{job.filesIndexed}</td>
                <td>{job.filesUnchanged}</td>
                <td>{job.filesDeleted}</td>
                <td>{skipped}</td>
                <td>{job.filesFailed}</td>
                <td>{job.chunksEmbedded}</td>
                <td>{formatDuration(jobDuration(job) ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>Skipped and failed files (last job)</h2>
      {problems.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Path</th>
              <th>Outcome</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => (
              <tr key={p.path}>
                <td>
                  <code>{p.path}</code>
                </td>
                <td>{p.outcome}</td>
                <td>{[p.reason, p.error].filter(Boolean).join(": ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Effective tributary.yml</h2>
      <pre>{source.config ? JSON.stringify(source.config, null, 2) : "(not synced yet)"}</pre>
    </>
  );
}
