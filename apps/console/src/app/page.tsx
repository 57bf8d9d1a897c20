import { AutoRefresh } from "~/components/auto-refresh";
import { listSourceOverview } from "@repo/console-db";
import { accessForPage } from "~/components/runtime-gate";
import { SyncProgress } from "~/components/sync-progress";
import { scheduleOf } from "@repo/console-inngest";
import { commitUrl, describeSchedule, formatDuration, formatTime, isItemSource, isLive, jobDuration, sourceStatus } from "~/server/format";

type SourceOverview = Awaited<ReturnType<typeof listSourceOverview>>[number];

export const dynamic = "force-dynamic";

export default async function SourcesPage() {
  const { access, notice } = await accessForPage();
  if (!access) return notice;
  const rows = await listSourceOverview(access.runtime.database.db, access.workspace.id);
  const live = rows.some((r) => isLive(sourceStatus(r.source, r.lastJob)));
  return (
    <>
      {live ? <AutoRefresh /> : null}
      <h1>Sources</h1>
      {rows.length === 0 ? (
        <p>
          No repository yet. <a href="/connect">Connect one</a>.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Synced commit / cursor</th>
              <th scope="col">Documents</th>
              <th scope="col">Chunks</th>
              <th scope="col">Last sync</th>
              <th scope="col">Schedule</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <SourceRow key={row.source.id} {...row} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function SourceRow({ source, size, lastJob, openAlerts }: SourceOverview) {
  const status = sourceStatus(source, lastJob);
  const link = source.syncedCommit ? commitUrl(source, source.syncedCommit) : undefined;
  const schedule = describeSchedule(scheduleOf(source));
  return (
    <tr data-source={source.fullName}>
      <td>
        <a href={`/sources/${source.id}`}>{source.fullName}</a> <span className="muted">{isItemSource(source) ? source.provider : source.branch}</span>
        {openAlerts > 0 ? (
          <>
            {" "}
            <a className="badge failed" href="/alerts" aria-label={`${openAlerts} open alert(s) for ${source.fullName}`}>
              {openAlerts} alert{openAlerts === 1 ? "" : "s"}
            </a>
          </>
        ) : null}
      </td>
      <td>
        <span className={`badge ${status}`}>{status}</span>
        {isLive(status) && lastJob ? <SyncProgress job={lastJob} label={`sync progress of ${source.fullName}`} /> : null}
        {status === "failed" && lastJob?.error ? <div className="error">{lastJob.error}</div> : null}
      </td>
      <td>
        <SyncedPoint source={source} link={link} />
      </td>
      <td>{size.documents}</td>
      <td>{size.chunks}</td>
      <td>{lastJob ? `${lastJob.status}, ${formatDuration(jobDuration(lastJob) ?? 0)}` : "—"}</td>
      <td data-testid="schedule">
        {schedule.interval}
        <div className="muted">next: {schedule.next}</div>
      </td>
    </tr>
  );
}

/** A repository's synced commit; an item source's cursor is opaque, so when it last advanced is shown. */
function SyncedPoint({ source, link }: { source: SourceOverview["source"]; link: string | undefined }) {
  if (!source.syncedCommit) return <>—</>;
  if (isItemSource(source)) return <span title={source.syncedCommit}>{source.syncedAt ? `cursor of ${formatTime(source.syncedAt)}` : "cursor"}</span>;
  return link ? <a href={link}>{source.syncedCommit.slice(0, 7)}</a> : <code>{source.syncedCommit.slice(0, 7)}</code>;
}
