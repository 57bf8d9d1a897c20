import { EventRejectedError } from "./events";
import type { RunSummary } from "./run-state";

/** What the HTTP API needs from the executor; both the in-process fetch and the server use it. */
export interface ApiBackend {
  sendEvents(body: unknown): string[];
  registerApp(body: unknown): { functions: number };
  syncApp(url: string): Promise<void>;
  runs(): RunSummary[];
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/**
 * The subset of the Inngest dev server's API that the SDK and tools use:
 *   POST /e/:key          Event API (`inngest.send()`), answers { ids, status }
 *   POST /fn/register     out-of-band sync from the SDK's serve handler (PUT on the app)
 *   GET  /v1/runs[/:id]   recent runs with steps, output sizes and errors
 *   POST /v1/apps/sync    { url }: sync an app served over HTTP
 */
export function createApiHandler(backend: ApiBackend): (request: Request) => Promise<Response> {
  return async (request) => {
    const { pathname, searchParams } = new URL(request.url);
    const route = `${request.method} ${pathname.replace(/\/+$/, "")}`;
    try {
      if (/^POST \/e\/[^/]+$/.test(route)) {
        return json(200, { ids: backend.sendEvents(await request.json()), status: 200 });
      }
      if (route === "POST /fn/register") {
        const { functions } = backend.registerApp(await request.json());
        return json(200, { status: 200, modified: true, error: `registered ${functions} functions with inngest-local` });
      }
      if (route === "POST /v1/apps/sync") {
        const body = (await request.json()) as { url?: unknown };
        if (typeof body.url !== "string") return json(400, { error: "body must be { url: string }" });
        await backend.syncApp(body.url);
        return json(200, { synced: body.url });
      }
      if (route === "GET /v1/runs") {
        const limit = Number(searchParams.get("limit") ?? 100);
        const status = searchParams.get("status");
        const runs = backend.runs().filter((run) => !status || run.status === status);
        return json(200, { data: runs.slice(-limit).reverse() });
      }
      const runMatch = /^GET \/v1\/runs\/([^/]+)$/.exec(route);
      if (runMatch) {
        const run = backend.runs().find((candidate) => candidate.id === runMatch[1]);
        return run ? json(200, { data: run }) : json(404, { error: `run ${runMatch[1]} not found` });
      }
      if (route === "GET " || route === "GET /health") return json(200, { name: "inngest-local", ok: true });
      return json(404, { error: `inngest-local has no route ${route}` });
    } catch (err) {
      const message = (err as Error).message;
      if (err instanceof EventRejectedError) return json(400, { ids: [], status: 400, error: message });
      if (err instanceof SyntaxError) return json(400, { status: 400, error: `invalid JSON: ${message}` });
      if ((err as Error).name === "RegistrationError") return json(400, { status: 400, error: message });
      return json(500, { status: 500, error: message });
    }
  };
}
