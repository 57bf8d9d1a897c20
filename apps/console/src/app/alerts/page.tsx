import { listAlerts } from "@repo/console-db";
import { accessForPage } from "~/components/runtime-gate";

export const dynamic = "force-dynamic";

/** Open alerts first (what needs someone now), then the recently resolved ones. */
export default async function AlertsPage() {
  const { access, notice } = await accessForPage();
  if (!access) return notice;
  const rows = await listAlerts(access.runtime.database.db, access.workspace.id);
  const open = rows.filter((r) => !r.alert.resolvedAt).length;
  return (
    <>
      <h1>Alerts</h1>
      <p className="muted">
        {open === 0 ? "Nothing open." : `${open} open.`} Raised after every sync and every 5 minutes; each kind is open at most once per source.
      </p>
      {rows.length === 0 ? null : (
        <table>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col">Severity</th>
              <th scope="col">Message</th>
              <th scope="col">Raised</th>
              <th scope="col">Resolved</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ alert, source }) => (
              <tr key={alert.id} data-alert={alert.kind}>
                <td>{alert.sourceId ? <a href={`/sources/${alert.sourceId}`}>{source ?? alert.sourceId}</a> : "—"}</td>
                <td>
                  <code>{alert.kind}</code>
                </td>
                <td>
                  <span className={`badge ${alert.resolvedAt ? "succeeded" : alert.severity === "critical" ? "failed" : "partial"}`}>
                    {alert.resolvedAt ? "resolved" : alert.severity}
                  </span>
                </td>
                <td>{alert.message}</td>
                <td>{alert.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td>{alert.resolvedAt ? alert.resolvedAt.toISOString().replace("T", " ").slice(0, 19) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
