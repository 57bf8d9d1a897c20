import type { Executor } from "../executor";
import { liveStatus } from "../run-state";
import { badge, html, json, page, time } from "./html";

const SHOWN = 300;

/** Events sent to the Event API, newest first, with the runs each triggered. */
export function eventsPage(exec: Executor, query: URLSearchParams): Response {
  const name = query.get("name") ?? "";
  const events = exec.events.list().filter((logged) => !name || logged.event.name.includes(name));
  const runsByEvent = new Map<string, string[]>();
  for (const run of exec.runs.values()) runsByEvent.set(run.event.id, [...(runsByEvent.get(run.event.id) ?? []), liveStatus(run)]);
  return page(
    "Events",
    "/events",
    html`<h1>Events</h1>
<form class="filters" method="get" action="/events"><label>Name<input name="name" value="${name}"></label><button type="submit">Filter</button> <a href="/events">clear</a></form>
<table data-events><thead><tr><th>Event</th><th>Name</th><th>Received</th><th>Runs</th></tr></thead>
<tbody>${events.slice(0, SHOWN).map(
      ({ event, receivedAt }) => html`<tr data-event="${event.id}"><td><a href="/events/${event.id}"><code>${event.id}</code></a></td><td>${event.name}</td>
<td>${time(receivedAt)}</td><td>${(runsByEvent.get(event.id) ?? []).map(badge)}</td></tr>`,
    )}</tbody></table>
${events.length === 0 ? html`<p class="muted">No events yet. <a href="/send">Send one</a>.</p>` : ""}`,
  );
}

/** One event: its payload and the runs it triggered (internal events are found through their runs). */
export function eventPage(exec: Executor, eventId: string): Response {
  const runs = [...exec.runs.values()].filter((run) => run.event.id === eventId);
  const logged = exec.events.get(eventId);
  const event = logged?.event ?? runs[0]?.event;
  if (!event) return page("Event not found", "/events", html`<h1>Event not found</h1><p>No event <code>${eventId}</code> is retained.</p>`, { status: 404 });
  return page(
    `Event ${event.name}`,
    "/events",
    html`<h1>${event.name}</h1>
<div class="grid"><span class="muted">Id</span><code>${event.id}</code><span class="muted">Received</span><span>${time(logged?.receivedAt ?? event.ts)}</span></div>
<h2>Payload</h2>${json(event)}
<h2>Runs</h2>
<table data-event-runs><thead><tr><th>Run</th><th>Function</th><th>Status</th><th>Started</th></tr></thead>
<tbody>${runs.map((run) => html`<tr><td><a href="/run?runID=${run.id}"><code>${run.id}</code></a></td><td>${run.fn.id}</td><td>${badge(liveStatus(run))}</td><td>${time(run.startedAt)}</td></tr>`)}</tbody></table>
${runs.length === 0 ? html`<p class="muted">No function is triggered by this event.</p>` : ""}`,
  );
}

/** The send-event form; `error` and the previous input come back when a send is refused. */
export function sendPage(exec: Executor, previous: { name?: string; data?: string; error?: string } = {}): Response {
  const names = [...new Set([...exec.functions.values()].flatMap((fn) => fn.eventTriggers.map((trigger) => trigger.event)))].sort();
  return page(
    "Send event",
    "/send",
    html`<h1>Send an event</h1>
${previous.error ? html`<p class="error" data-send-error>${previous.error}</p>` : ""}
<form method="post" action="/send" class="filters" style="flex-direction:column;align-items:stretch;max-width:720px">
  <label>Name<input name="name" list="event-names" required value="${previous.name ?? ""}" placeholder="app/something.happened"></label>
  <datalist id="event-names">${names.map((name) => html`<option value="${name}">`)}</datalist>
  <label>Data (JSON object)<textarea name="data" rows="10">${previous.data ?? "{}"}</textarea></label>
  <div><button type="submit" data-action="send">Send event</button></div>
</form>
<p class="muted">Sent through the same Event API as <code>inngest.send()</code>: triggers, waits and cancellations see it.</p>`,
    { status: previous.error ? 400 : 200 },
  );
}

/** Registered functions and what triggers them. */
export function functionsPage(exec: Executor): Response {
  const fns = [...exec.functions.values()];
  return page(
    "Functions",
    "/functions",
    html`<h1>Functions</h1><table><thead><tr><th>Function</th><th>App</th><th>Triggers</th><th>Runs</th></tr></thead><tbody>
${fns.map(
  (fn) => html`<tr><td>${fn.name} <code class="muted">${fn.id}</code></td><td>${fn.appName}</td>
<td>${fn.eventTriggers.map((trigger) => html`<div>${trigger.event}</div>`)}${fn.cronTriggers.map((trigger) => html`<div>cron ${trigger.spec}</div>`)}</td>
<td><a href="/?function=${encodeURIComponent(fn.id)}">runs</a></td></tr>`,
)}</tbody></table>${fns.length === 0 ? html`<p class="muted">No app has synced yet.</p>` : ""}`,
  );
}
