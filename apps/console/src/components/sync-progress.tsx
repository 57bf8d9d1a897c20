import type { SyncJobRow } from "@repo/console-inngest";
import { formatDuration, jobEta } from "~/server/format";

/** A running job's batches done / total and, once a batch has finished, the time left. */
export function SyncProgress({ job, label }: { job: SyncJobRow; label: string }) {
  const eta = jobEta(job);
  const planned = job.batchesTotal > 0;
  return (
    <div className="progress" role="status">
      <progress max={Math.max(job.batchesTotal, 1)} value={job.batchesDone} aria-label={label} />{" "}
      {planned ? `${job.batchesDone}/${job.batchesTotal} batches` : "planning"}
      {eta !== undefined ? `, ETA ${formatDuration(eta)}` : ""}
    </div>
  );
}
