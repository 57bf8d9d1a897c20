import { listJobRuns } from "@repo/console-inngest";
import type { Db } from "@repo/console-db";
import { createRunsClient, type InngestRun, type InngestRunStep } from "@repo/inngest-local";
import { env } from "../env";

const CLOUD_API = "https://api.inngest.com";
/** A job of a large sync has one run per batch; the page shows this many. */
const RUNS_SHOWN = 200;

export interface JobRunView {
  runId: string;
  functionId: string;
  /** The run's page on the dev server (inngest-local or `inngest dev`); Cloud runs are found by id in its dashboard. */
  url?: string;
  run?: InngestRun | null;
  /** inngest-local's step timeline; null from servers without it. */
  steps?: InngestRunStep[] | null;
  error?: string;
}

/**
 * Where the console reads runs: the dev server it sends events to (INNGEST_BASE_URL, the SDK's
 * default http://localhost:8288 otherwise), or Inngest Cloud's REST API with the signing key.
 */
export function inngestRunsApi() {
  const dev = env.INNGEST_DEV ?? !env.INNGEST_EVENT_KEY;
  const baseUrl = env.INNGEST_BASE_URL ?? (dev ? "http://localhost:8288" : CLOUD_API);
  const client = createRunsClient({ baseUrl, ...(!dev && env.INNGEST_SIGNING_KEY ? { signingKey: env.INNGEST_SIGNING_KEY } : {}) });
  const runUrl = baseUrl === CLOUD_API ? undefined : (runId: string) => `${baseUrl.replace(/\/+$/, "")}/run?runID=${encodeURIComponent(runId)}`;
  return { baseUrl, client, runUrl };
}

/** The runs recorded for a job, each with its status (and steps, where the server has them) read over REST. */
export async function loadJobRuns(db: Db, jobId: string): Promise<{ runs: JobRunView[]; more: number; apiBaseUrl: string }> {
  const { baseUrl, client, runUrl } = inngestRunsApi();
  const refs = await listJobRuns(db, jobId);
  const runs = await Promise.all(
    refs.slice(0, RUNS_SHOWN).map(async (ref): Promise<JobRunView> => {
      const view = { ...ref, ...(runUrl ? { url: runUrl(ref.runId) } : {}) };
      try {
        const [run, steps] = await Promise.all([client.getRun(ref.runId), client.runSteps(ref.runId)]);
        return { ...view, run, steps };
      } catch (error) {
        return { ...view, error: (error as Error).message };
      }
    }),
  );
  return { runs, more: Math.max(0, refs.length - RUNS_SHOWN), apiBaseUrl: baseUrl };
}
