import type { SourceRow, SyncJobRow } from "@repo/console-inngest";
import { SyncProgress } from "~/components/sync-progress";
import { commitUrl, formatDuration, formatTime, isItemSource, jobDuration, shortCommit } from "~/server/format";
import { TableHead } from "~/components/table-head";

/** Job history: what triggered each sync, which commit (or item cursor) it targeted, its counts, requests and how it ended. */
export function JobTable({ source, jobs }: { source: SourceRow; jobs: SyncJobRow[] }) {
  if (jobs.length === 0) return <p className="muted">No sync yet.</p>;
  const items = isItemSource(source);
  return (
    <table>
      <TableHead
        columns={[
          "Started",
          "Trigger",
          items ? "Cursor" : "Commit",
          "Status",
          "Indexed",
          "Unchanged",
          "Deleted",
          "Skipped",
          "Failed",
          "Chunks embedded",
          items ? `Requests to ${source.provider}` : "GitHub requests",
          "Duration",
        ]}
      />
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
              <td>
                {job.targetCommit ? (
                  link ? (
                    <a href={link}>{shortCommit(source, job.targetCommit)}</a>
                  ) : (
                    <code>{shortCommit(source, job.targetCommit)}</code>
                  )
                ) : (
                  "—"
                )}
              </td>
              <td>
                <span className={`badge ${job.status}`}>{job.status}</span>
                {running ? <SyncProgress job={job} label={`progress of the ${job.trigger} job`} /> : null}
                {job.error ? <div className="error">{job.error}</div> : null}
              </td>
              <td>{job.filesIndexed}</td>
              <td>{job.filesUnchanged}</td>
              <td>{job.filesDeleted}</td>
              <td
                title={Object.entries(job.skippedByReason)
                  .map(([reason, n]) => `${reason}: ${n}`)
                  .join(", ")}
              >
                {skipped}
              </td>
              <td>{job.filesFailed}</td>
              <td>{job.chunksEmbedded}</td>
              <td>{items ? job.requestsSource : job.requestsGithub}</td>
              <td>{formatDuration(jobDuration(job) ?? 0)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
