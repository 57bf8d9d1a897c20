import type { Executor } from "../executor";
import { liveStatus, terminalStatuses, type Run, type StepRecord } from "../run-state";
import { badge, duration, html, json, page, time } from "./html";

/**
 * One run, like the dev server's run page: its trigger event, a step timeline (every attempt
 * with its duration, truncated output, error and stack; sleeps and waits with how they ended),
 * the final output or error, and Rerun / Cancel.
 */
export function runPage(exec: Executor, runId: string): Response {
  const run = exec.runs.get(runId);
  if (!run) return page("Run not found", "/", html`<h1>Run not found</h1><p>No run <code>${runId}</code> is retained.</p>`, { status: 404 });
  const status = liveStatus(run);
  const ended = terminalStatuses.has(run.status);
  const children = [...exec.runs.values()].filter((child) => child.parent?.runId === run.id);
  const reruns = [...exec.runs.values()].filter((other) => other.originalRunId === run.id);

  return page(
    `Run ${run.id}`,
    "/",
    html`<h1>${run.fn.name} ${badge(status)}</h1>
<div class="actions">
  <form method="post" action="/runs/${run.id}/rerun"><button type="submit" data-action="rerun">Rerun</button></form>
  ${ended ? "" : html`<form method="post" action="/runs/${run.id}/cancel"><button type="submit" data-action="cancel">Cancel</button></form>`}
</div>
<div class="grid">
  <span class="muted">Run</span><code data-run-id>${run.id}</code>
  <span class="muted">Function</span><span>${run.fn.id}</span>
  <span class="muted">Started</span><span>${time(run.startedAt)}</span>
  <span class="muted">Ended</span><span>${ended ? time(run.endedAt) : html`<span class="muted">${run.dormant ? "waiting for its app to sync" : "in progress"}</span>`}</span>
  <span class="muted">Duration</span><span>${duration((run.endedAt ?? exec.clock.now()) - run.startedAt)}</span>
  ${run.originalRunId ? html`<span class="muted">Rerun of</span><a href="/run?runID=${run.originalRunId}">${run.originalRunId}</a>` : ""}
  ${run.parent ? html`<span class="muted">Invoked by</span><a href="/run?runID=${run.parent.runId}">${run.parent.runId}</a>` : ""}
  ${reruns.map((other) => html`<span class="muted">Rerun as</span><a href="/run?runID=${other.id}">${other.id}</a>`)}
  ${children.map((child) => html`<span class="muted">Invoked</span><a href="/run?runID=${child.id}">${child.fn.id} ${child.id}</a>`)}
</div>
<h2>Trigger</h2>
<p><a href="/events/${run.event.id}">${run.event.name}</a> <code>${run.event.id}</code></p>
${json(run.event)}
<h2>Timeline</h2>
${timeline(run)}
<h2>${run.status === "completed" ? "Output" : run.error ? "Error" : "Output"}</h2>
${finalResult(run)}`,
    { refreshSeconds: ended ? undefined : 2 },
  );
}

function timeline(run: Run) {
  if (run.steps.length === 0) return html`<p class="muted">No steps yet.</p>`;
  return html`<table data-timeline><thead><tr><th>Step</th><th>Op</th><th>Attempt</th><th>Outcome</th><th>At</th><th>Duration</th><th>Request</th><th>Output / error</th></tr></thead>
<tbody>${run.steps.map((step) => stepRow(run, step))}</tbody></table>`;
}

function stepRow(run: Run, step: StepRecord) {
  return html`<tr data-step="${step.id}" data-outcome="${step.outcome}">
<td>${step.id}</td><td>${step.op}</td><td>${step.attempt + 1}</td><td>${badge(step.outcome)}</td>
<td title="${time(step.at)}">+${duration(step.at - run.startedAt)}</td><td>${duration(step.durationMs)}</td>
<td>${step.request ? html`<code title="${step.request}">…${step.request.slice(-6)}</code>` : ""}${step.via === "checkpoint" ? html` <span class="muted">checkpoint</span>` : ""}</td>
<td>${step.detail ? html`<div data-detail>${step.detail}</div>` : ""}
${step.error ? html`<div class="error">${step.error}</div>` : ""}
${step.stack ? html`<details><summary>stack</summary><pre>${step.stack}</pre></details>` : ""}
${step.output !== undefined ? html`<pre>${step.output}</pre>` : ""}</td></tr>`;
}

function finalResult(run: Run) {
  if (run.error) {
    return html`<div class="error" data-run-error>${run.error.name}: ${run.error.message}</div>${run.error.stack ? html`<pre>${run.error.stack}</pre>` : ""}`;
  }
  if (run.output === undefined) return html`<p class="muted">Not finished.</p>`;
  return html`<div data-run-output>${json(run.output)}</div>`;
}
