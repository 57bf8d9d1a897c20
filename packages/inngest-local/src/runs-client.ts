import { z } from "zod";

export interface RunsClientOptions {
  /** inngest-local or `inngest dev` (e.g. http://127.0.0.1:8288), or Inngest Cloud's https://api.inngest.com. */
  baseUrl: string;
  /** Cloud only: the REST API takes the signing key as a bearer token. */
  signingKey?: string;
  fetch?: typeof fetch;
}

const run = z.looseObject({
  run_id: z.string(),
  run_started_at: z.string(),
  function_id: z.string(),
  function_slug: z.string().optional(),
  event_id: z.string(),
  original_run_id: z.string().optional(),
  status: z.string(),
  ended_at: z.string().nullish(),
  output: z.unknown().optional(),
});
export type InngestRun = z.infer<typeof run>;

const step = z.looseObject({
  id: z.string(),
  op: z.string(),
  attempt: z.number(),
  outcome: z.string(),
  durationMs: z.number(),
  at: z.number(),
  error: z.string().optional(),
  detail: z.string().optional(),
  output: z.string().optional(),
});
export type InngestRunStep = z.infer<typeof step>;

export class RunsApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = "RunsApiError";
  }
}

/**
 * A small client for Inngest's REST API for runs — the same calls against inngest-local,
 * `inngest dev` or Cloud: get a run, list the runs of an event, cancel a run. `runSteps` reads
 * inngest-local's step timeline and answers null from servers that do not have it.
 */
export function createRunsClient(options: RunsClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const request = async (method: "GET" | "DELETE", path: string): Promise<Response> => {
    try {
      return await fetchImpl(new URL(path, options.baseUrl), {
        method,
        headers: { accept: "application/json", ...(options.signingKey ? { authorization: `Bearer ${options.signingKey}` } : {}) },
      });
    } catch (err) {
      throw new RunsApiError(`cannot reach the Inngest API at ${options.baseUrl}: ${(err as Error).message}`, undefined);
    }
  };
  const read = async <T extends z.ZodType>(response: Response, schema: T, what: string): Promise<z.infer<T>> => {
    if (!response.ok) throw new RunsApiError(`${what}: the Inngest API answered ${response.status}`, response.status);
    const body: unknown = await response.json().catch(() => undefined);
    // Inngest's REST envelope: { data, metadata }.
    const data = typeof body === "object" && body !== null && "data" in body ? body.data : undefined;
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new RunsApiError(`${what}: unexpected answer (${parsed.error.issues[0]?.message})`, response.status);
    return parsed.data;
  };
  return {
    /** null when the server does not know the run (404). */
    async getRun(runId: string): Promise<InngestRun | null> {
      const response = await request("GET", `/v1/runs/${encodeURIComponent(runId)}`);
      if (response.status === 404) return null;
      return read(response, run, `run ${runId}`);
    },
    async eventRuns(eventId: string): Promise<InngestRun[]> {
      return read(await request("GET", `/v1/events/${encodeURIComponent(eventId)}/runs`), z.array(run), `runs of event ${eventId}`);
    },
    async cancelRun(runId: string): Promise<void> {
      const response = await request("DELETE", `/v1/runs/${encodeURIComponent(runId)}`);
      if (!response.ok) throw new RunsApiError(`cancel run ${runId}: the Inngest API answered ${response.status}`, response.status);
    },
    /** inngest-local's step timeline; null where the server has no such route (dev server, Cloud). */
    async runSteps(runId: string): Promise<InngestRunStep[] | null> {
      const response = await request("GET", `/v1/runs/${encodeURIComponent(runId)}/steps`);
      if (response.status === 404 || !(response.headers.get("content-type") ?? "").includes("json")) return null;
      return read(response, z.array(step), `steps of run ${runId}`);
    },
  };
}

export type RunsClient = ReturnType<typeof createRunsClient>;
