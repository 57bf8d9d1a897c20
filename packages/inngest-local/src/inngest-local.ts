import type http from "node:http";
import { createApiHandler } from "./api";
import { allowedHostsFor, crossSiteRefusal } from "./cross-site";
import { defaultBackoff, type BackoffOptions } from "./backoff";
import { RealClock, VirtualClock, type Clock } from "./clock";
import { CronRunner } from "./crons";
import { EventRouter } from "./event-router";
import { normalizeEvents } from "./events";
import { Executor } from "./executor";
import { silentLogger, type Logger } from "./logger";
import { close, listen } from "./node-adapter";
import { parseFunctionConfig, registerRequestSchema, type FunctionDefinition } from "./registry";
import { summarize, type RunSummary } from "./run-state";
import { httpTransport, inProcessTransport, type FetchHandler, type Transport } from "./transport";

export interface InngestLocalOptions {
  /** "virtual": time moves only through `runUntilIdle()` / `advanceTime()`. Default "real". */
  clock?: "real" | "virtual" | Clock;
  logger?: Logger;
  backoff?: Partial<BackoffOptions>;
  /** Source of retry jitter; inject for deterministic tests. */
  random?: () => number;
  /** Calls in flight across all apps. */
  maxInFlight?: number;
  retainRuns?: number;
}

/** The address in-process apps are synced under; nothing listens there. */
export const IN_PROCESS_URL = "http://in-process.inngest-local/api/inngest";

/**
 * An embedded Inngest executor. Apps are reached through their real serve handler, either
 * in-process (`register({ handler })`) or over HTTP (`sync(url)`); both sync through the
 * SDK's own PUT → POST /fn/register exchange.
 */
export class InngestLocal {
  readonly clock: Clock;
  /** Give this to `new Inngest({ fetch })` so `send()` and sync reach this executor without a socket. */
  readonly fetch: typeof fetch;
  private readonly executor: Executor;
  private readonly router: EventRouter;
  private readonly crons: CronRunner;
  private readonly api: (request: Request) => Promise<Response>;
  private readonly inProcessApps = new Map<string, Transport>();
  private readonly appFunctions = new Map<string, string[]>();
  private readonly http = httpTransport();
  private server?: http.Server;
  private cronsEnabled = false;
  url?: string;

  constructor(options: InngestLocalOptions = {}) {
    this.clock = options.clock === "virtual" ? new VirtualClock() : options.clock === "real" || !options.clock ? new RealClock() : options.clock;
    this.executor = new Executor({
      clock: this.clock,
      logger: options.logger ?? silentLogger,
      transportFor: (url) => this.transportFor(url),
      backoff: { ...defaultBackoff, ...options.backoff },
      random: options.random ?? Math.random,
      maxInFlight: options.maxInFlight ?? 64,
      retainRuns: options.retainRuns ?? 10_000,
      emit: (event) => this.router.route(event),
    });
    this.router = new EventRouter(this.executor);
    this.crons = new CronRunner(this.executor);
    this.api = createApiHandler({
      sendEvents: (body) => this.ingest(body),
      registerApp: (body) => this.registerApp(body),
      syncApp: (url) => this.sync(url),
      runs: () => this.runs(),
    });
    this.fetch = (input, init) => this.api(new Request(input, init));
  }

  /** Listens for the Event API, /fn/register and /v1/runs (port 8288 like the dev server); enables crons. */
  async start(options: { port?: number; host?: string; crons?: boolean } = {}): Promise<string> {
    if (options.crons ?? true) this.enableCrons();
    if (!this.server) {
      const host = options.host ?? "127.0.0.1";
      const hosts = allowedHostsFor(host);
      // Over HTTP a browser can reach us too: its cross-site requests are refused (cross-site.ts).
      const { server, url } = await listen((request) => Promise.resolve(crossSiteRefusal(request, hosts) ?? this.api(request)), options.port ?? 8288, host);
      this.server = server;
      this.url = url;
    }
    return this.url ?? "";
  }

  async stop(): Promise<void> {
    this.crons.stop();
    this.router.stop();
    for (const run of this.executor.runs.values()) this.executor.cancelRun(run, "inngest-local stopped");
    if (this.server) await close(this.server);
    this.server = undefined;
  }

  enableCrons(): void {
    this.cronsEnabled = true;
    for (const fn of this.executor.functions.values()) this.crons.arm(fn);
  }

  /** Syncs an app whose serve handler runs in this process (e.g. `serve()` from "inngest/edge"). */
  async register(app: { handler: FetchHandler; url?: string }): Promise<void> {
    const url = app.url ?? IN_PROCESS_URL;
    const transport = inProcessTransport(app.handler);
    this.inProcessApps.set(endpointOf(url), transport);
    await this.put(transport, url);
  }

  /** Syncs an app served over HTTP, e.g. http://localhost:3000/api/inngest. */
  async sync(url: string): Promise<void> {
    await this.put(this.http, url);
  }

  /** Sends events as `inngest.send()` would; throws EventRejectedError on invalid or oversized events. */
  async send(events: unknown): Promise<{ ids: string[] }> {
    return { ids: this.ingest(events) };
  }

  runs(): RunSummary[] {
    return this.executor.summaries();
  }

  run(id: string): RunSummary | undefined {
    const run = this.executor.runs.get(id);
    return run && summarize(run);
  }

  /** Resolves with the first run (existing or future) that matches. */
  waitForRun(predicate: (run: RunSummary) => boolean): Promise<RunSummary> {
    const found = this.runs().find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const unsubscribe = this.executor.subscribe((run) => {
        const summary = run && summarize(run);
        if (summary && predicate(summary)) {
          unsubscribe();
          resolve(summary);
        }
      });
    });
  }

  /** Resolves once no call is queued or in flight and no timer is due; sleeping or waiting runs may remain. */
  waitForIdle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.executor.isIdle()) return;
        // Settle microtasks and I/O callbacks first: a response may be about to enqueue work.
        setImmediate(() => {
          if (!this.executor.isIdle()) return;
          unsubscribe();
          resolve();
        });
      };
      const unsubscribe = this.executor.subscribe(check);
      check();
    });
  }

  /** Like waitForIdle, then lets time pass (instantly on the virtual clock) until no sleep, retry or timeout is left. */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      await this.waitForIdle();
      const next = this.clock.nextTimer();
      if (next === undefined) return;
      if (this.clock instanceof VirtualClock) this.clock.advanceTo(next);
      else await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - this.clock.now()) + 1));
    }
  }

  /** Virtual clock only: moves time forward, running whatever comes due (crons included). */
  async advanceTime(ms: number): Promise<void> {
    if (!(this.clock instanceof VirtualClock)) throw new Error("advanceTime needs { clock: \"virtual\" }");
    const target = this.clock.now() + ms;
    for (;;) {
      await this.waitForIdle();
      const next = this.clock.nextTimer(true);
      if (next === undefined || next > target) break;
      this.clock.advanceTo(next);
    }
    this.clock.advanceTo(target);
    await this.waitForIdle();
  }

  get functions(): FunctionDefinition[] {
    return [...this.executor.functions.values()];
  }

  private ingest(body: unknown): string[] {
    const events = normalizeEvents(body, this.clock.now());
    for (const event of events) this.router.receive(event);
    this.executor.notify();
    return events.map((event) => event.id);
  }

  private registerApp(body: unknown): { functions: number } {
    const request = registerRequestSchema.parse(body);
    // Parse every function before replacing any, so a refused config leaves the old set running.
    const definitions = request.functions.map((raw) => parseFunctionConfig(raw, request.appName));
    for (const id of this.appFunctions.get(request.appName) ?? []) {
      this.executor.functions.delete(id);
      this.crons.disarm(id);
    }
    for (const fn of definitions) {
      this.executor.functions.set(fn.id, fn);
      if (this.cronsEnabled) this.crons.arm(fn);
    }
    this.appFunctions.set(request.appName, definitions.map((fn) => fn.id));
    this.executor.options.logger({ kind: "app", outcome: "registered", detail: `${request.appName}: ${definitions.length} functions` });
    return { functions: definitions.length };
  }

  private async put(transport: Transport, url: string): Promise<void> {
    const response = await transport.request(url, { method: "PUT", headers: { "content-type": "application/json" }, body: "" });
    if (response.status !== 200) {
      throw new Error(`syncing ${url} failed (${response.status}): ${syncMessage(response.body)}`);
    }
  }

  private transportFor(url: string): Transport {
    return this.inProcessApps.get(endpointOf(url)) ?? this.http;
  }
}

function endpointOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** The SDK relays our /fn/register answer as `{ message }`; show that rather than raw JSON. */
function syncMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "message" in parsed) return String(parsed.message);
  } catch {
    // Not JSON (e.g. a proxy's error page): the raw body is the most useful thing to show.
  }
  return body;
}
