import { Inngest, Middleware } from "inngest";

/** A run's first request: which run, of which function (its id within the app), with which trigger. */
export interface RunStart {
  runId: string;
  functionId: string;
  event: { name: string; data?: unknown };
}

export interface TributaryInngestOptions {
  /** true with inngest-local or the Inngest dev server; Inngest Cloud otherwise. */
  isDev?: boolean;
  /** Where events go: inngest-local / dev server URL; unset for Inngest Cloud. */
  baseUrl?: string;
  eventKey?: string;
  /** Custom fetch, e.g. inngest-local's in-process transport. */
  fetch?: typeof fetch;
  /** The SDK's own logger (a stack per retried step by default). */
  logger?: { info(...args: unknown[]): void; warn(...args: unknown[]): void; error(...args: unknown[]): void; debug(...args: unknown[]): void };
  /**
   * Called once when a run starts (its first request, on any Inngest server), e.g. to record
   * which runs worked on a sync job. A failure is logged by the SDK and never fails the run.
   */
  onRunStart?: (run: RunStart) => Promise<void>;
}

export const APP_ID = "tributary";

export function createInngestClient(options: TributaryInngestOptions = {}) {
  const onRunStart = options.onRunStart;
  class RunStartHook extends Middleware.BaseMiddleware {
    readonly id = "tributary/run-start";
    override async onRunStart({ ctx, fn }: Middleware.OnRunStartArgs): Promise<void> {
      await onRunStart?.({ runId: ctx.runId, functionId: fn.id(), event: { name: ctx.event.name, data: ctx.event.data } });
    }
  }
  return new Inngest({
    id: APP_ID,
    isDev: options.isDev,
    baseUrl: options.baseUrl,
    eventKey: options.eventKey,
    fetch: options.fetch,
    middleware: [RunStartHook],
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

export type TributaryInngest = ReturnType<typeof createInngestClient>;
