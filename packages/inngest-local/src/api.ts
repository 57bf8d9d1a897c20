import { checkpointAsync, runActions, runBatch, type ApiAnswer } from "./checkpoint";
import { EventRejectedError } from "./events";
import type { Executor } from "./executor";
import { envelope, restEvent, restRun } from "./rest";
import { liveStatus } from "./run-state";
import { handleUi } from "./ui/routes";

/** What the HTTP API needs from the executor; both the in-process fetch and the server use it. */
export interface ApiBackend {
  readonly exec: Executor;
  sendEvents(body: unknown, idSeed: string | null): string[];
  registerApp(body: unknown): { functions: number };
  syncApp(url: string): Promise<void>;
  /** Starts a new run of the function with the same event; returns its id. */
  rerun(runId: string): string | undefined;
  cancel(runId: string, reason: string): boolean;
  /** Resumes the run waiting for `signal`; returns its id, or undefined when none waits. */
  signal(signal: string, data: unknown): string | undefined;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const answer = ({ status, body }: ApiAnswer) => json(status, body);
const notFound = (what: string) => json(404, { error: `${what} not found`, status: 404 });

type Route = [method: string, pattern: RegExp, handle: (ctx: RouteContext) => Response | Promise<Response>];
interface RouteContext {
  request: Request;
  params: string[];
  query: URLSearchParams;
  backend: ApiBackend;
}

/**
 * The subset of Inngest's HTTP APIs that the SDK, tools and the console use:
 *   POST /e/:key                      Event API (answers { ids, status }; honours x-inngest-event-id-seed)
 *   POST /fn/register                 out-of-band sync from the SDK's serve handler (PUT on the app)
 *   POST /v1/checkpoint/:runId/async  step results posted by a checkpointing SDK during a call
 *   GET  /v0/runs/:runId/actions|batch  run state for calls sent with use_api
 *   POST /v1/signals                  resume a step.waitForSignal
 *   GET  /v1/events[/:id[/runs]], GET|DELETE /v1/runs/:runId   Inngest's REST shapes
 *   GET  /v1/runs, GET /v1/runs/:id/steps, POST /v1/runs/:id/rerun, POST /v1/apps/sync   inngest-local's own
 * and the runs UI (HTML) on every other GET.
 */
const routes: Route[] = [
  [
    "POST",
    /^\/e\/[^/]+$/,
    async ({ request, backend }) => json(200, { ids: backend.sendEvents(await request.json(), request.headers.get("x-inngest-event-id-seed")), status: 200 }),
  ],
  [
    "POST",
    /^\/fn\/register$/,
    async ({ request, backend }) => {
      const { functions } = backend.registerApp(await request.json());
      return json(200, { status: 200, modified: true, error: `registered ${functions} functions with inngest-local` });
    },
  ],
  [
    "POST",
    /^\/v1\/apps\/sync$/,
    async ({ request, backend }) => {
      const body = (await request.json()) as { url?: unknown };
      if (typeof body.url !== "string") return json(400, { error: "body must be { url: string }" });
      await backend.syncApp(body.url);
      return json(200, { synced: body.url });
    },
  ],
  [
    "POST",
    /^\/v1\/checkpoint\/([^/]+)\/async$/,
    async ({ request, params, backend }) => answer(checkpointAsync(backend.exec, params[0] ?? "", await request.json())),
  ],
  ["POST", /^\/v1\/checkpoint(\/[^/]+\/steps)?$/, () => json(501, { error: "inngest-local does not run durable endpoints (sync checkpointing)", status: 501 })],
  ["GET", /^\/v0\/runs\/([^/]+)\/actions$/, ({ params, backend }) => answer(runActions(backend.exec, params[0] ?? ""))],
  ["GET", /^\/v0\/runs\/([^/]+)\/batch$/, ({ params, backend }) => answer(runBatch(backend.exec, params[0] ?? ""))],
  [
    "POST",
    /^\/v1\/signals$/,
    async ({ request, backend }) => {
      const body = (await request.json()) as { signal?: unknown; data?: unknown };
      if (typeof body.signal !== "string" || !body.signal) return json(400, { error: "body must be { signal: string, data }", status: 400 });
      const runId = backend.signal(body.signal, body.data ?? null);
      return runId ? json(200, envelope({ run_id: runId }, backend.exec.clock.now())) : json(404, { error: "No signal found", status: 404 });
    },
  ],
  [
    "GET",
    /^\/v1\/events$/,
    ({ query, backend }) => {
      const name = query.get("name");
      const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 20) || 20));
      const events = backend.exec.events.list().filter((logged) => !name || logged.event.name === name);
      return json(200, envelope(events.slice(0, limit).map(restEvent), backend.exec.clock.now()));
    },
  ],
  [
    "GET",
    /^\/v1\/events\/([^/]+)$/,
    ({ params, backend }) => {
      const logged = backend.exec.events.get(params[0] ?? "");
      return logged ? json(200, envelope(restEvent(logged), backend.exec.clock.now())) : notFound("event");
    },
  ],
  [
    "GET",
    /^\/v1\/events\/([^/]+)\/runs$/,
    ({ params, backend }) => {
      const runs = [...backend.exec.runs.values()].filter((run) => run.event.id === params[0]);
      return json(200, envelope(runs.map(restRun), backend.exec.clock.now()));
    },
  ],
  [
    "GET",
    /^\/v1\/runs$/,
    ({ query, backend }) => {
      const limit = Number(query.get("limit") ?? 100);
      const status = query.get("status");
      const fn = query.get("function");
      const runs = [...backend.exec.runs.values()].filter((run) => (!status || liveStatus(run) === status) && (!fn || run.fn.id === fn));
      return json(200, envelope(runs.slice(-limit).reverse().map(restRun), backend.exec.clock.now()));
    },
  ],
  [
    "GET",
    /^\/v1\/runs\/([^/]+)$/,
    ({ params, backend }) => {
      const run = backend.exec.runs.get(params[0] ?? "");
      return run ? json(200, envelope(restRun(run), backend.exec.clock.now())) : notFound(`run ${params[0]}`);
    },
  ],
  [
    "DELETE",
    /^\/v1\/runs\/([^/]+)$/,
    ({ params, backend }) => (backend.cancel(params[0] ?? "", "cancelled through the REST API") ? json(200, {}) : notFound(`run ${params[0]}`)),
  ],
  [
    "GET",
    /^\/v1\/runs\/([^/]+)\/steps$/,
    ({ params, backend }) => {
      const run = backend.exec.runs.get(params[0] ?? "");
      return run ? json(200, envelope(run.steps, backend.exec.clock.now())) : notFound(`run ${params[0]}`);
    },
  ],
  [
    "POST",
    /^\/v1\/runs\/([^/]+)\/rerun$/,
    ({ params, backend }) => {
      const runId = backend.rerun(params[0] ?? "");
      return runId ? json(200, envelope({ run_id: runId }, backend.exec.clock.now())) : notFound(`run ${params[0]}`);
    },
  ],
  ["GET", /^\/health$/, () => json(200, { name: "inngest-local", ok: true })],
];

export function createApiHandler(backend: ApiBackend): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, "") || "/";
    try {
      for (const [method, pattern, handle] of routes) {
        const match = method === request.method ? pattern.exec(path) : null;
        if (match) return await handle({ request, params: match.slice(1), query: url.searchParams, backend });
      }
      const page = await handleUi(request, path, backend);
      return page ?? json(404, { error: `inngest-local has no route ${request.method} ${path}` });
    } catch (err) {
      const message = (err as Error).message;
      if (err instanceof EventRejectedError) return json(400, { ids: [], status: 400, error: message });
      if (err instanceof SyntaxError) return json(400, { status: 400, error: `invalid JSON: ${message}` });
      if ((err as Error).name === "RegistrationError") return json(400, { status: 400, error: message });
      if ((err as Error).name === "JournalClosedError") return json(503, { status: 503, error: message });
      return json(500, { status: 500, error: message });
    }
  };
}
