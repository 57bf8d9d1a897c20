import type { LoggedEvent } from "./event-log";
import { functionUuid } from "./ids";
import { liveStatus, type Run, type RunStatus } from "./run-state";

/** inngest-local has one environment; Inngest's REST objects always carry one. */
const ENVIRONMENT_ID = "00000000-0000-4000-8000-000000000000";

/** Run statuses as Inngest's REST API spells them (enums.RunStatus). */
const restStatus: Record<RunStatus, string> = {
  queued: "Scheduled",
  running: "Running",
  sleeping: "Running",
  waiting: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped",
};

/**
 * A run in the shape of Inngest's REST API (`GET /v1/runs/:runId`, `GET /v1/events/:id/runs`),
 * so one client reads inngest-local, `inngest dev` and Cloud. `function_slug` is inngest-local's
 * addition (Inngest identifies the function by its internal UUID only).
 */
export function restRun(run: Run) {
  return {
    run_id: run.id,
    run_started_at: new Date(run.startedAt).toISOString(),
    function_id: functionUuid(run.fn.id),
    function_slug: run.fn.id,
    function_version: 1,
    environment_id: ENVIRONMENT_ID,
    event_id: run.event.id,
    ...(run.originalRunId ? { original_run_id: run.originalRunId } : {}),
    ...(run.event.name === "inngest/scheduled.timer" ? { cron: String(run.event.data.cron ?? "") } : {}),
    status: restStatus[liveStatus(run)],
    ended_at: run.endedAt === undefined ? null : new Date(run.endedAt).toISOString(),
    ...(run.output !== undefined ? { output: run.output } : {}),
    ...(run.error ? { output: { error: run.error } } : {}),
  };
}

export type RestRun = ReturnType<typeof restRun>;

/** An event as `GET /v1/events` shows it. */
export function restEvent({ event, receivedAt }: LoggedEvent) {
  const { id, name, data, ts, user, v } = event;
  return {
    internal_id: id,
    environment_id: ENVIRONMENT_ID,
    received_at: new Date(receivedAt).toISOString(),
    id,
    name,
    data,
    ...(user ? { user } : {}),
    ts,
    ...(v ? { v } : {}),
  };
}

/** Inngest's REST envelope: `{ data, metadata: { fetched_at } }`. */
export function envelope<T>(data: T, now: number) {
  return { data, metadata: { fetched_at: new Date(now).toISOString() } };
}
