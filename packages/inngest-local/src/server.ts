import { InngestLocal, type InngestLocalOptions } from "./inngest-local";
import { silentLogger } from "./logger";

export interface ServerOptions extends InngestLocalOptions {
  /** Default 8288, the Inngest dev server's port, so INNGEST_BASE_URL=http://127.0.0.1:8288 works unchanged. */
  port?: number;
  host?: string;
  /** Serve endpoints to sync, like the dev server's `-u`; retried until they answer. */
  appUrls?: string[];
  /** How often an app that is not up yet is retried. */
  syncRetryMs?: number;
}

/** Starts inngest-local as a server: Event API, sync endpoint, runs API and crons. */
export async function startServer(options: ServerOptions = {}): Promise<{ local: InngestLocal; url: string; stop: () => Promise<void> }> {
  const local = new InngestLocal(options);
  const logger = options.logger ?? silentLogger;
  const url = await local.start({ port: options.port ?? 8288, host: options.host });
  const timers = new Set<NodeJS.Timeout>();
  const syncUntilUp = (appUrl: string) => {
    local.sync(appUrl).catch((err: Error) => {
      // The app usually starts after us (e.g. `next dev`); keep trying like the dev server's -u.
      const retry = setTimeout(() => {
        timers.delete(retry);
        syncUntilUp(appUrl);
      }, options.syncRetryMs ?? 2_000);
      timers.add(retry);
      logger({ kind: "app", outcome: "sync-retry", detail: `${appUrl}: ${err.message}` });
    });
  };
  for (const appUrl of options.appUrls ?? []) syncUntilUp(appUrl);
  return {
    local,
    url,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      await local.stop();
    },
  };
}
