import type { SourceRow, SyncJobRow } from "@repo/console-inngest";
import { SyncProgress } from "~/components/sync-progress";
import { commitUrl, formatDuration, formatTime, jobDuration } from "~/server/format";
import { TableHead } from "~/components/table-head";

/** SyncJobRow history: what triggered each sync, which commit it targeted, its counts and how it ended. */
export function JobTable({ source, jobs }: { source: SourceRow; jobs: SyncJobRow[] }) {
  if (jobs.length === 0) return <p className="muted">No sync yet.</p>;
  return (
    <table>
      <TableHead columns={["Started", "Trigger", "Commit", "Status", "Indexed", "Unchanged", "Deleted", "Skipped", "Failed", "Chunks embedded", "Duration"]} />
      <tbody>
        {jobs.map((job) => {
          const link = job.targetCommit ? commitUrl(source, job.targetCommit) : undefined;
          const skipped = Object.values(job.skippedByReason).reduce((n, v) => n + v, 0);
          const running = job.status === "running" || job.status === "queued";
          return (
            <tr key={job.id} data-job={job.id} data-trigger={job.trigger}>
              <td>
                <a href={`/sources/${source.id}/jobs/${job.id}`} title="this job and its Inngest runs" data-job-link>
                  {formatTime(job.createdAt)}
                </a>
              </td>
              <td>{job.trigger}</td>
              <td>{job.targetCommit ? link ? <a href={link}>{job.targetCommit.slice(0, 7)}</a> : <code>{job.targetCommit.slice(0, 7)}</code> : "—"}</td>
              <td>
                <span className={`badge ${job.status}`}>{job.status}</span>
                {running ? <SyncProgress job={job} label={`progress of the ${job.trigger} job`} /> : null}
                {job.error ? <div className="error">{job.error}</div> : null}
              </td>
              <td>{job.filesIndexed}</td>
              <td>{job.filesUnchanged}</td>
              <td>{job.filesDeleted}</td>
              <td title={Object.entries(job.skippedByReason).map(([reason, n]) => `${reason}: ${n}`).join(", ")}>{skipped}</td>
              <td>{job.filesFailed}</td>
              <td>{job.chunksEmbedded}</td>
              <td>{formatDuration(jobDuration(job) ?? 0)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
