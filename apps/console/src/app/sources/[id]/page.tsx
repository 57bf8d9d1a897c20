import { notFound } from "next/navigation";
import { stringify } from "yaml";
import { AutoRefresh } from "~/components/auto-refresh";
import { getSourceDetail } from "@repo/console-db";
import { accessForPage } from "~/components/runtime-gate";
import { formatTime, isItemSource, isLive, sourceStatus } from "~/server/format";
import { JobTable } from "./job-table";
import { MissingFiles } from "./missing-files";
import { SourceActions } from "./source-actions";
import { SourceSchedule } from "./source-schedule";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ confirm?: string; intervalError?: string }> };

export default async function SourcePage({ params, searchParams }: Props) {
  const [{ id }, { confirm, intervalError }] = await Promise.all([params, searchParams]);
  const { access, notice } = await accessForPage();
  if (!access) return notice;
  // Looked up within the user's workspace: another workspace's source id is not found.
  const detail = await getSourceDetail(access.runtime.database.db, access.workspace.id, id);
  if (!detail) notFound();
  const { source, jobs, missing, moreMissing } = detail;
  const status = sourceStatus(source, jobs[0]);
  const items = isItemSource(source);
  return (
    <>
      {isLive(status) ? <AutoRefresh /> : null}
      <h1>
        {source.fullName} <span className={`badge ${status}`}>{status}</span>
      </h1>
      <p className="muted">
        {source.provider} · {source.location} ·{" "}
        {items ? `${source.branch} · synced ${source.syncedAt ? formatTime(source.syncedAt) : "never"}` : `branch ${source.branch}`}
        {source.statusReason ? ` · ${source.statusReason}` : null}
        {source.lastError ? <span className="error"> · {source.lastError}</span> : null}
      </p>
      <SourceActions source={source} confirming={confirm === "1"} failedFiles={missing.filter((f) => f.outcome === "failed").length} />

      <h2>Schedule</h2>
      <SourceSchedule source={source} error={intervalError} />

      <h2>Jobs</h2>
      <JobTable source={source} jobs={jobs} />

      <h2>Skipped and failed {items ? "items" : "files"}</h2>
      <MissingFiles files={missing} more={moreMissing} items={items} />

      {items ? null : (
        <>
          <h2>Effective tributary.yml</h2>
          {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the label names the block for the browser test; the h2 above names it for readers */}
          <pre aria-label="effective tributary.yml">{source.config ? stringify(source.config) : "(not synced yet)"}</pre>
        </>
      )}
    </>
  );
}
