import type { ApiBackend } from "../api";
import { EventRejectedError } from "../events";
import { eventPage, eventsPage, functionsPage, sendPage } from "./events-page";
import { html, page } from "./html";
import { runPage } from "./run-page";
import { runsPage } from "./runs-page";

const redirect = (location: string) => new Response(null, { status: 303, headers: { location } });

/**
 * The runs UI: server-rendered pages and plain form posts, so it works with no script and no
 * asset requests. `/run?runID=` is the dev server's run URL, so links work against either server.
 */
export async function handleUi(request: Request, path: string, backend: ApiBackend): Promise<Response | undefined> {
  const { exec } = backend;
  const query = new URL(request.url).searchParams;
  if (request.method === "GET") {
    if (path === "/" && wantsJson(request)) return Response.json({ name: "inngest-local", ok: true });
    if (path === "/" || path === "/runs") return runsPage(exec, query);
    if (path === "/run") return runPage(exec, query.get("runID") ?? "");
    const run = /^\/runs\/([^/]+)$/.exec(path);
    if (run) return runPage(exec, run[1] ?? "");
    if (path === "/events") return eventsPage(exec, query);
    const event = /^\/events\/([^/]+)$/.exec(path);
    if (event) return eventPage(exec, event[1] ?? "");
    if (path === "/functions") return functionsPage(exec);
    if (path === "/send") return sendPage(exec);
    return undefined;
  }
  if (request.method !== "POST") return undefined;
  const action = /^\/runs\/([^/]+)\/(rerun|cancel)$/.exec(path);
  if (!action && path !== "/send") return undefined;
  // A page on another site must not be able to cancel runs or send events through a visitor's browser.
  if (crossSite(request)) return page("Refused", "/", html`<h1>Refused</h1><p>Cross-site form posts are not accepted.</p>`, { status: 403 });
  if (action) {
    const [, runId = "", verb] = action;
    if (verb === "cancel") return backend.cancel(runId, "cancelled from the runs UI") ? redirect(`/run?runID=${runId}`) : runPage(exec, runId);
    const rerun = backend.rerun(runId);
    return rerun
      ? redirect(`/run?runID=${rerun}`)
      : page("Cannot rerun", "/", html`<h1>Cannot rerun</h1><p>Run <code>${runId}</code> is unknown or its function is no longer registered.</p>`, {
          status: 404,
        });
  }
  return sendFromForm(request, backend);
}

async function sendFromForm(request: Request, backend: ApiBackend): Promise<Response> {
  const form = await request.formData();
  const name = String(form.get("name") ?? "").trim();
  const rawData = String(form.get("data") ?? "{}");
  let data: unknown;
  try {
    data = rawData.trim() === "" ? {} : JSON.parse(rawData);
  } catch (err) {
    return sendPage(backend.exec, { name, data: rawData, error: `Data is not valid JSON: ${(err as Error).message}` });
  }
  try {
    const [id] = backend.sendEvents({ name, data }, null);
    return redirect(`/events/${id}`);
  } catch (err) {
    if (err instanceof EventRejectedError) return sendPage(backend.exec, { name, data: rawData, error: err.message });
    throw err;
  }
}

function crossSite(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin === "null";
  return new URL(origin).host !== (request.headers.get("host") ?? new URL(request.url).host);
}

function wantsJson(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}
