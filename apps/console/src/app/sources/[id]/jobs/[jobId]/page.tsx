import { getJob } from "@repo/console-inngest";
import { notFound } from "next/navigation";
import { AutoRefresh } from "~/components/auto-refresh";
import { runtimeForPage } from "~/components/runtime-gate";
import { formatTime } from "~/server/format";
import { loadJobRuns } from "~/server/inngest-runs";
import { JobRuns } from "./job-runs";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; jobId: string }> };

/** One sync job and the Inngest runs that did its work, linked to the Inngest server's run pages. */
export default async function JobPage({ params }: Props) {
  const { id, jobId } = await params;
  const { runtime, notice } = await runtimeForPage();
  if (!runtime) return notice;
  const { db } = runtime.database;
  const job = await getJob(db, jobId);
  if (!job || job.sourceId !== id) notFound();
  const { runs, more, apiBaseUrl } = await loadJobRuns(db, jobId);
  const live = job.status === "queued" || job.status === "running";
  return (
    <>
      {live ? <AutoRefresh /> : null}
      <p>
        <a href={`/sources/${id}`}>← source</a>
      </p>
      <h1>
        Job <code>{job.id}</code> <span className={`badge ${job.status}`}>{job.status}</span>
      </h1>
      <p className="muted">
        {job.trigger} · started {formatTime(job.createdAt)} · {job.filesIndexed} indexed, {job.filesUnchanged} unchanged, {job.filesDeleted} deleted,{" "}
        {job.filesFailed} failed · batches {job.batchesDone}/{job.batchesTotal}
        {job.error ? <span className="error"> · {job.error}</span> : null}
      </p>
      <h2>Inngest runs</h2>
      <p className="muted">
        Read from <code>{apiBaseUrl}</code> through Inngest&apos;s REST API.
      </p>
      <JobRuns runs={runs} />
      {more > 0 ? <p className="muted">and {more} more runs</p> : null}
    </>
  );
}
