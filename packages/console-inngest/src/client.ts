import { Inngest } from "inngest";

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
}

export const APP_ID = "tributary";

export function createInngestClient(options: TributaryInngestOptions = {}) {
  return new Inngest({
    id: APP_ID,
    isDev: options.isDev,
    baseUrl: options.baseUrl,
    eventKey: options.eventKey,
    fetch: options.fetch,
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

export type TributaryInngest = ReturnType<typeof createInngestClient>;
