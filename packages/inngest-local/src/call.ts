import type { Executor } from "./executor";
import { functionUuid } from "./ids";
import { jsonBytes } from "./limits";
import { buildCallBody, callUrl, parseCallResponse, type CallOutcome } from "./protocol";
import type { Run } from "./run-state";

/** Inngest's bound on a call request's body; above it the SDK is told to fetch state through the API. */
export const DEFAULT_SDK_REQUEST_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * One call of the function's serve handler, as Inngest makes it. In "checkpoint" mode the body
 * carries `ctx.fn_id` and `ctx.qi_id`, which lets the SDK run several steps in this request and
 * post each result to the checkpoint API while it runs; when the run's state would not fit in
 * the body, `use_api` makes the SDK fetch its steps and events from the REST API instead.
 * "legacy" leaves those out: one step per request, every result in the answer.
 */
export async function callFunction(exec: Executor, run: Run, stepId: string, attempt: number, request: string): Promise<CallOutcome> {
  const { mode, sdkRequestBodyLimit } = exec.options;
  const checkpoint = mode === "checkpoint";
  const useApi = checkpoint && run.stateBytes + jsonBytes(run.event) > sdkRequestBodyLimit - 1024;
  const body = buildCallBody({
    runId: run.id,
    event: run.event,
    events: useApi ? [] : [run.event],
    steps: useApi ? {} : run.memo,
    stack: run.stack,
    attempt,
    maxAttempts: run.fn.retries + 1,
    disableImmediateExecution: stepId !== "step" || run.sawParallelism,
    ...(checkpoint ? { checkpoint: { fnId: functionUuid(run.fn.id), queueItemId: request, useApi } } : {}),
  });
  try {
    const response = await exec.options.transportFor(run.fn.url).request(callUrl(run.fn.url, stepId), {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-server-kind": "dev", "x-request-id": request },
      body,
    });
    return parseCallResponse(response);
  } catch (err) {
    const message = `could not reach the serve handler at ${run.fn.url}: ${(err as Error).message}`;
    return { kind: "error", retriable: true, retryAfter: null, error: { name: "Error", message } };
  }
}
