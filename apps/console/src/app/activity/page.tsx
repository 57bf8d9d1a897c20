import { listActivities, listWebhookDeliveries, sourcesById } from "@repo/console-db";
import { accessForPage } from "~/components/runtime-gate";
import { formatTime } from "~/server/format";
import { TableHead } from "~/components/table-head";

export const dynamic = "force-dynamic";

export default async function ActivityPage() {
  const { access, notice } = await accessForPage();
  if (!access) return notice;
  const db = access.runtime.database.db;
  const workspaceId = access.workspace.id;
  const [activities, deliveries, sources] = await Promise.all([
    listActivities(db, workspaceId),
    listWebhookDeliveries(db, workspaceId),
    sourcesById(db, workspaceId),
  ]);
  return (
    <>
      <h1>Activity</h1>
      <h2>Audit log</h2>
      {activities.length === 0 ? <p className="muted">Nothing yet.</p> : null}
      <table>
        <TableHead columns={["When", "Actor", "Action", "Subject", "Details"]} />
        <tbody>
          {activities.map((a) => (
            <tr key={a.id} data-activity={a.action}>
              <td>{formatTime(a.createdAt)}</td>
              <td>{a.actor}</td>
              <td>{a.action}</td>
              <td>
                {a.subjectType === "source" ? (
                  <a href={`/sources/${a.subjectId}`}>{sources.get(a.subjectId)?.fullName ?? a.subjectId}</a>
                ) : (
                  `${a.subjectType} ${a.subjectId}`
                )}
              </td>
              <td className="details">
                <code>{JSON.stringify(a.data).slice(0, 300)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>GitHub webhook deliveries</h2>
      {deliveries.length === 0 ? <p className="muted">None received.</p> : null}
      <table>
        <TableHead columns={["Received", "Delivery", "Event", "Action", "Repository", "Outcome", "Detail"]} />
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.deliveryId} data-delivery={d.deliveryId}>
              <td>{formatTime(d.receivedAt)}</td>
              <td>
                <code>{d.deliveryId}</code>
              </td>
              <td>{d.event}</td>
              <td>{d.action ?? "—"}</td>
              <td>{d.repositoryFullName ?? "—"}</td>
              <td>
                <span className={`badge ${d.outcome}`}>{d.outcome}</span>
              </td>
              <td>{d.detail ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
