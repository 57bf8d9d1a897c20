import { listActivities } from "~/server/queries";
import { getRuntime } from "~/server/runtime";

export const dynamic = "force-dynamic";

export default async function ActivityPage() {
  const { database } = await getRuntime();
  const activities = await listActivities(database.db);
  return (
    <>
      <h1>Activity</h1>
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Subject</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => (
            <tr key={a.id}>
              <td>{a.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td>{a.actor}</td>
              <td>{a.action}</td>
              <td>
                {a.subjectType === "source" ? <a href={`/sources/${a.subjectId}`}>{a.subjectId}</a> : `${a.subjectType} ${a.subjectId}`}
              </td>
              <td>
                <code>{JSON.stringify(a.data).slice(0, 200)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
