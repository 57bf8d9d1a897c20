import type http from "node:http";
import { createApiHandler } from "./api";
import { allowedHostsFor, crossSiteRefusal } from "./cross-site";
import { defaultBackoff, type BackoffOptions } from "./backoff";
import { RealClock, VirtualClock, type Clock } from "./clock";
import { CronRunner } from "./crons";
import { EventRouter } from "./event-router";
import { normalizeEvents } from "./events";
import { DEFAULT_SDK_REQUEST_BODY_LIMIT } from "./call";
import { Executor, type ProtocolMode } from "./executor";
import { FileJournal, memoryJournal, type RunJournal } from "./journal";
import { silentLogger, type Logger } from "./logger";
import { close, listen } from "./node-adapter";
import { parseFunctionConfig, registerRequestSchema, type FunctionDefinition } from "./registry";
import { replayJournal, resumeDormantRuns, snapshotRecords } from "./restore";
import { summarize, terminalStatuses, type RunSummary } from "./run-state";
import { httpTransport, inProcessTransport, type FetchHandler, type Transport } from "./transport";
import { resolveOp } from "./timeline";

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
  /** Events kept for the runs UI and GET /v1/events. */
  retainEvents?: number;
  /**
   * "checkpoint" (default) calls functions the way Inngest Cloud and `inngest dev` do: with
   * `ctx.fn_id`, so the SDK runs several steps per request and posts their results to the
   * checkpoint API, and with `use_api` when a run's state outgrows the request body limit.
   * "legacy" leaves those out: one step per request, every result in the answer.
   */
  protocol?: ProtocolMode;
  /** Inngest's 4 MiB by default; above it calls carry `use_api: true` and no state. */
  sdkRequestBodyLimit?: number;
  /**
   * Keeps runs, events and deduplication keys in `<dataDir>/runs.jsonl`, so a restarted
   * executor lists its history and resumes unfinished runs from their memoized steps once
   * their app syncs again. Without it, state lives in memory.
   */
  dataDir?: string;
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
  private readonly journal: RunJournal;
  private server?: http.Server;
  private cronsEnabled = false;
  private stopped = false;
  url?: string;

  constructor(options: InngestLocalOptions = {}) {
    this.clock = options.clock === "virtual" ? new VirtualClock() : options.clock === "real" || !options.clock ? new RealClock() : options.clock;
    const opened = options.dataDir ? FileJournal.open(options.dataDir) : undefined;
    this.journal = opened?.journal ?? memoryJournal;
    this.executor = new Executor({
      clock: this.clock,
      logger: options.logger ?? silentLogger,
      transportFor: (url) => this.transportFor(url),
      backoff: { ...defaultBackoff, ...options.backoff },
      random: options.random ?? Math.random,
      maxInFlight: options.maxInFlight ?? 64,
      retainRuns: options.retainRuns ?? 10_000,
      retainEvents: options.retainEvents ?? 10_000,
      mode: options.protocol ?? "checkpoint",
      sdkRequestBodyLimit: options.sdkRequestBodyLimit ?? DEFAULT_SDK_REQUEST_BODY_LIMIT,
      journal: this.journal,
      emit: (event) => this.router.route(event),
    });
    this.router = new EventRouter(this.executor);
    this.crons = new CronRunner(this.executor);
    if (opened) {
      replayJournal(this.executor, this.router, opened.records);
      this.compactJournal();
      this.executor.subscribe((run) => {
        if (run && terminalStatuses.has(run.status)) this.maybeCompactJournal();
      });
    }
    this.api = createApiHandler({
      exec: this.executor,
      sendEvents: (body, idSeed) => this.ingest(body, idSeed),
      registerApp: (body) => this.registerApp(body),
      syncApp: (url) => this.sync(url),
      rerun: (runId) => this.rerun(runId),
      cancel: (runId, reason) => this.cancel(runId, reason),
      signal: (signal, data) => this.signal(signal, data),
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

  /**
   * Stops crons, timers and the server. Without a data directory unfinished runs are cancelled;
   * with one they are left as journaled, to resume in the next process.
   */
  async stop(): Promise<void> {
    this.crons.stop();
    this.router.stop();
    if (this.journal === memoryJournal) {
      for (const run of this.executor.runs.values()) this.executor.cancelRun(run, "inngest-local stopped");
    } else if (!this.stopped) {
      this.executor.halted = true;
      for (const run of this.executor.runs.values()) for (const cancel of [...run.timers]) cancel();
      this.journal.close();
    }
    this.stopped = true;
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
  async send(events: unknown, options: { idSeed?: string } = {}): Promise<{ ids: string[] }> {
    return { ids: this.ingest(events, options.idSeed ?? null) };
  }

  /** Starts a new run of a run's function with the same event (the dev server's "Rerun"); returns its id. */
  rerun(runId: string): string | undefined {
    const original = this.executor.runs.get(runId);
    const fn = original && this.executor.functions.get(original.fn.id);
    if (!original || !fn) return undefined;
    const run = this.executor.startRun(fn, original.event, { originalRunId: original.id });
    this.executor.notify();
    return run.id;
  }

  /** Cancels a run (a step already executing finishes, as on Inngest). False for an unknown run. */
  cancel(runId: string, reason = "cancelled"): boolean {
    const run = this.executor.runs.get(runId);
    if (!run) return false;
    this.executor.cancelRun(run, reason);
    return true;
  }

  /** Resumes the `step.waitForSignal` waiting for `signal` with `{ signal, data }`; returns its run id. */
  signal(signal: string, data: unknown): string | undefined {
    const wait = this.executor.signals.get(signal);
    if (!wait?.run.pending.has(wait.hash) || terminalStatuses.has(wait.run.status)) return undefined;
    this.executor.signals.delete(signal);
    resolveOp(this.executor, wait.run, wait.hash, { data: { signal, data } }, { outcome: "ok", detail: `resumed by signal "${signal}"` });
    return wait.run.id;
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
    if (!(this.clock instanceof VirtualClock)) throw new Error('advanceTime needs { clock: "virtual" }');
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

  private ingest(body: unknown, idSeed: string | null = null): string[] {
    const events = normalizeEvents(body, this.clock.now(), idSeed);
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
    this.appFunctions.set(
      request.appName,
      definitions.map((fn) => fn.id),
    );
    this.executor.options.logger({ kind: "app", outcome: "registered", detail: `${request.appName}: ${definitions.length} functions` });
    if (!this.stopped) resumeDormantRuns(this.executor, request.appName);
    return { functions: definitions.length };
  }

  private compactJournal(): void {
    this.journal.compact(snapshotRecords(this.executor, this.router));
  }

  /** Rewrites the journal once history has doubled it, so it tracks retained state rather than all time. */
  private maybeCompactJournal(): void {
    const { appended, compacted } = this.journal.growth;
    if (appended > Math.max(16 * 1024 * 1024, compacted)) this.compactJournal();
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
