import type { Executor } from "../executor";
import { liveStatus, type Run, type RunStatus } from "../run-state";
import { badge, duration, html, page, time } from "./html";

const STATUSES: RunStatus[] = ["queued", "running", "sleeping", "waiting", "completed", "failed", "cancelled", "skipped"];
const SHOWN = 300;

/** The stream of runs, newest first, filtered by status, function, trigger event and id. */
export function runsPage(exec: Executor, query: URLSearchParams): Response {
  const status = query.get("status") ?? "";
  const fn = query.get("function") ?? "";
  const event = query.get("event") ?? "";
  const search = (query.get("q") ?? "").trim();
  const now = exec.clock.now();
  const matches = (run: Run) =>
    (!status || liveStatus(run) === status) &&
    (!fn || run.fn.id === fn) &&
    (!event || run.event.name.includes(event)) &&
    (!search || run.id.includes(search) || run.event.id.includes(search));
  const all = [...exec.runs.values()];
  const runs = all.filter(matches).reverse();
  const counts = new Map<RunStatus, number>();
  for (const run of all) counts.set(liveStatus(run), (counts.get(liveStatus(run)) ?? 0) + 1);
  const functionIds = [...new Set(all.map((run) => run.fn.id))].sort();
  const live = all.some((run) => !["completed", "failed", "cancelled", "skipped"].includes(liveStatus(run)));

  return page(
    "Runs",
    "/",
    html`<h1>Runs</h1>
<p class="muted">${all.length} runs: ${STATUSES.filter((s) => counts.get(s)).map((s) => html`${badge(s)} ${counts.get(s)} `)}</p>
<form class="filters" method="get" action="/">
  <label>Status<select name="status"><option value="">any</option>${STATUSES.map((s) => html`<option ${s === status ? "selected" : ""}>${s}</option>`)}</select></label>
  <label>Function<select name="function"><option value="">any</option>${functionIds.map((id) => html`<option ${id === fn ? "selected" : ""}>${id}</option>`)}</select></label>
  <label>Trigger event<input name="event" value="${event}" placeholder="e.g. tributary/"></label>
  <label>Run or event id<input name="q" value="${search}"></label>
  <button type="submit">Filter</button> <a href="/">clear</a>
</form>
<table data-runs>
<thead><tr><th>Run</th><th>Function</th><th>Status</th><th>Trigger</th><th>Started</th><th>Duration</th><th>Steps</th></tr></thead>
<tbody>${runs.slice(0, SHOWN).map((run) => runRow(run, now))}</tbody></table>
${runs.length > SHOWN ? html`<p class="muted">showing ${SHOWN} of ${runs.length}; narrow the filters to see older runs</p>` : ""}
${runs.length === 0 ? html`<p class="muted">No runs match.</p>` : ""}`,
    { refreshSeconds: live ? 3 : undefined },
  );
}

function runRow(run: Run, now: number) {
  const status = liveStatus(run);
  const steps = run.steps.filter((step) => step.outcome !== "scheduled").length;
  return html`<tr data-run="${run.id}" data-status="${status}">
<td><a href="/run?runID=${run.id}"><code>${run.id}</code></a>${run.originalRunId ? html` <span class="muted">rerun</span>` : ""}</td>
<td>${run.fn.id}</td><td>${badge(status)}</td>
<td><a href="/events/${run.event.id}">${run.event.name}</a></td>
<td>${time(run.startedAt)}</td><td>${duration((run.endedAt ?? now) - run.startedAt)}</td><td>${steps}</td></tr>`;
}
