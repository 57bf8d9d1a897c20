import type { JobRunView } from "~/server/inngest-runs";
import { formatDuration } from "~/server/format";
import { TableHead } from "~/components/table-head";

const runDuration = (view: JobRunView) =>
  view.run?.ended_at ? formatDuration(Date.parse(view.run.ended_at) - Date.parse(view.run.run_started_at)) : view.run ? "running" : "";

/** The Inngest runs that worked on a job: status from the Inngest REST API, steps inline where the server has them. */
export function JobRuns({ runs }: { runs: JobRunView[] }) {
  if (runs.length === 0) return <p className="muted">No run recorded for this job yet.</p>;
  return (
    <table aria-label="Inngest runs">
      <TableHead columns={["Function", "Run", "Status", "Started", "Duration", "Steps"]} />
      <tbody>
        {runs.map((view) => (
          <tr key={view.runId} data-inngest-run={view.runId} data-function={view.functionId}>
            <td>{view.functionId}</td>
            <td className="details">{view.url ? <a href={view.url}>{view.runId}</a> : <code>{view.runId}</code>}</td>
            <td>
              {view.run ? <span className={`badge ${view.run.status.toLowerCase()}`}>{view.run.status}</span> : null}
              {view.run === null ? <span className="muted">not found on the Inngest server</span> : null}
              {view.error ? <span className="error">{view.error}</span> : null}
            </td>
            <td>{view.run ? new Date(view.run.run_started_at).toLocaleString() : ""}</td>
            <td>{runDuration(view)}</td>
            <td>
              {view.steps?.length ? (
                <details>
                  <summary>{view.steps.filter((step) => step.outcome !== "scheduled").length} steps</summary>
                  <ol>
                    {view.steps.map((step, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a step id repeats within a run (retries, loops); the position makes it unique and the list never reorders
                      <li key={`${step.id}-${i}`}>
                        <code>{step.id}</code> {step.outcome} · attempt {step.attempt + 1} · {formatDuration(step.durationMs)}
                        {step.detail ? <span className="muted"> · {step.detail}</span> : null}
                        {step.error ? <span className="error"> · {step.error}</span> : null}
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
