import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough, Readable } from "node:stream";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
  params: Record<string, string>;
  json<T = unknown>(): T;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw bytes, sent as-is (tarballs). */
  raw?: Buffer | NodeJS.ReadableStream;
  /** Hang: never answer ("headers"), or send the headers and a first byte of body, then nothing ("body"). */
  stall?: "headers" | "body";
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** Sees every response before it is sent (faults, rate limits and 404s included). */
export type ResponseDecorator = (req: { method: string; path: string; headers: IncomingMessage["headers"] }, res: FakeResponse) => FakeResponse;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: FakeHandler;
}

export interface Fault {
  status: number;
  /** How many upcoming requests fail this way. */
  times: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Only requests whose path matches fail. */
  pathIncludes?: string;
  /** Instead of an error body: hang before the headers, or mid-body (a service that stopped answering). */
  stall?: "headers" | "body";
  /** Instead of an error body: a JSON body of this many bytes (an answer bigger than a client accepts). */
  oversizeBytes?: number;
  /** With `oversizeBytes`: say the size in content-length (else the body is chunked, its size unknown up front). */
  declareLength?: boolean;
  /**
   * Instead of failing with `status`, serve the real response but cut the connection after this
   * many bytes of its body (a download truncated mid-way).
   */
  truncateAfterBytes?: number;
}

export interface RateLimit {
  /** Requests allowed per window; the next one gets 429 with retry-after. */
  limit: number;
  windowMs: number;
  /** Which header(s) carry the wait. */
  retryAfterHeader?: "retry-after" | "retry-after-ms";
}

/**
 * A small HTTP server that the fakes of OpenAI, Cohere, Pinecone and GitHub share: routing,
 * request counters and log, latency, fault injection and a fixed-window rate limit.
 */
export class FakeHttpServer {
  /** `receivedAt`: when the request arrived; `at`: when its response was sent. */
  readonly requests: Array<{ method: string; path: string; status: number; at: number; receivedAt: number }> = [];
  latencyMs = 0;
  /** How many injected faults were served (a test can check its fault really happened). */
  faultsServed = 0;
  /** When set, every request body is kept in `bodies` (tests that prove what never left a process). */
  captureBodies = false;
  readonly bodies: Array<{ method: string; path: string; body: Buffer }> = [];
  private readonly routes: Route[] = [];
  private readonly faults: Fault[] = [];
  private readonly decorators: ResponseDecorator[] = [];
  private rateLimit: RateLimit | undefined;
  private windowStart = 0;
  private windowCount = 0;
  private server: Server | undefined;
  private baseUrl = "";

  route(method: string, path: string, handler: FakeHandler): this {
    const keys: string[] = [];
    // One pass, so `keys` follows the order of the placeholders in the path (`:a/:b*` → [a, b]).
    const source = path
      .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\\\{(\w+)\\\}\*|:(\w+)(\*)?/g, (_m, braced: string | undefined, named: string | undefined, star: string | undefined) => {
        keys.push(braced ?? named ?? "");
        return braced || star ? "(.+)" : "([^/]+)";
      });
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /** Adds headers a real API sends on every response (e.g. GitHub's x-ratelimit-*), whatever produced it. */
  decorate(decorator: ResponseDecorator): this {
    this.decorators.push(decorator);
    return this;
  }

  /** The next `times` requests (optionally only those whose path includes `pathIncludes`) fail with `status`. */
  failNext(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** Drops every fault not yet served (the outage is over). */
  clearFaults(): void {
    this.faults.length = 0;
  }

  setRateLimit(rateLimit: RateLimit | undefined): void {
    this.rateLimit = rateLimit;
    this.windowStart = Date.now();
    this.windowCount = 0;
  }

  /** The current window of the rate limit, for fakes that report it in headers (x-ratelimit-*). */
  rateLimitStatus(): { limit: number; remaining: number; resetMs: number } | undefined {
    const limit = this.rateLimit;
    if (!limit) return undefined;
    const elapsed = Date.now() - this.windowStart;
    if (elapsed >= limit.windowMs) return { limit: limit.limit, remaining: limit.limit, resetMs: 0 };
    return { limit: limit.limit, remaining: Math.max(0, limit.limit - this.windowCount), resetMs: limit.windowMs - elapsed };
  }

  count(filter?: { method?: string; pathIncludes?: string; status?: number }): number {
    return this.requests.filter(
      (r) =>
        (!filter?.method || r.method === filter.method.toUpperCase()) &&
        (!filter?.pathIncludes || r.path.includes(filter.pathIncludes)) &&
        (filter?.status === undefined || r.status === filter.status),
    ).length;
  }

  resetCounters(): void {
    this.requests.length = 0;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error("fake server is not listening; call start() first");
    return this.baseUrl;
  }

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://${host}:${address.port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://fake");
    const method = (req.method ?? "GET").toUpperCase();
    const body = Buffer.concat(chunks);
    if (this.captureBodies) this.bodies.push({ method, path: url.pathname, body });
    let response: FakeResponse;
    try {
      if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
      const injected = this.injected(url.pathname);
      response =
        injected && "truncateAfterBytes" in injected
          ? truncated(await this.dispatch(method, url, req, body), injected.truncateAfterBytes)
          : (injected ?? this.limited() ?? (await this.dispatch(method, url, req, body)));
      for (const decorator of this.decorators) response = decorator({ method, path: url.pathname, headers: req.headers }, response);
    } catch (error) {
      response = { status: 500, body: { error: { message: error instanceof Error ? error.message : String(error) } } };
    }
    this.requests.push({ method, path: url.pathname + url.search, status: response.status, at: Date.now(), receivedAt });
    send(res, response);
  }

  private injected(path: string): FakeResponse | { truncateAfterBytes: number } | undefined {
    const index = this.faults.findIndex((f) => f.times > 0 && (!f.pathIncludes || path.includes(f.pathIncludes)));
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.times -= 1;
    this.faultsServed += 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    if (fault.truncateAfterBytes !== undefined) return { truncateAfterBytes: fault.truncateAfterBytes };
    if (fault.stall) return { status: fault.status, stall: fault.stall };
    if (fault.oversizeBytes !== undefined) return oversized(fault.status, fault.oversizeBytes, fault.declareLength ?? false);
    return { status: fault.status, headers: fault.headers, body: fault.body ?? { error: { message: `injected fault ${fault.status}` } } };
  }

  private limited(): FakeResponse | undefined {
    const limit = this.rateLimit;
    if (!limit) return undefined;
    const now = Date.now();
    if (now - this.windowStart >= limit.windowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount += 1;
    if (this.windowCount <= limit.limit) return undefined;
    const waitMs = Math.max(1, limit.windowMs - (now - this.windowStart));
    const headers: Record<string, string> =
      limit.retryAfterHeader === "retry-after"
        ? { "retry-after": String(Math.ceil(waitMs / 1000)) }
        : { "retry-after-ms": String(waitMs), "retry-after": String(Math.ceil(waitMs / 1000)) };
    return { status: 429, headers, body: { error: { message: "rate limit exceeded", type: "rate_limit" } } };
  }

  private async dispatch(method: string, url: URL, req: IncomingMessage, body: Buffer): Promise<FakeResponse> {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1] ?? "")));
      return route.handler({
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        params,
        json: <T>() => JSON.parse(body.toString("utf8")) as T,
      });
    }
    return { status: 404, body: { error: { message: `no fake route for ${method} ${url.pathname}` } } };
  }
}

/** The response with its body cut after `bytes`, then the connection destroyed (no clean end). */
function truncated(response: FakeResponse, bytes: number): FakeResponse {
  const source = response.raw ?? Buffer.from(JSON.stringify(response.body ?? null));
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).filter(([name]) => name.toLowerCase() !== "content-length"));
  const cut = new PassThrough();
  let sent = 0;
  const feed = (chunk: Buffer) => {
    const room = bytes - sent;
    if (room > 0) cut.write(chunk.subarray(0, room));
    sent += chunk.length;
    if (sent >= bytes) cut.destroy(new Error(`connection cut after ${bytes} bytes (injected)`));
  };
  if (Buffer.isBuffer(source)) queueMicrotask(() => feed(source));
  else source.on("data", (chunk: Buffer) => feed(Buffer.from(chunk)));
  return { status: response.status, headers, raw: cut };
}

/** `{"filler":"aaaa…"}` of exactly `bytes` bytes, streamed in 64 KiB pieces. */
function oversized(status: number, bytes: number, declareLength: boolean): FakeResponse {
  const prefix = '{"filler":"';
  const suffix = '"}';
  const fill = Math.max(0, bytes - prefix.length - suffix.length);
  function* pieces() {
    yield Buffer.from(prefix);
    for (let left = fill; left > 0; left -= 65536) yield Buffer.alloc(Math.min(65536, left), "a");
    yield Buffer.from(suffix);
  }
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(declareLength ? { "content-length": String(prefix.length + fill + suffix.length) } : {}),
  };
  return { status, headers, raw: Readable.from(pieces()) };
}

function send(res: ServerResponse, response: FakeResponse): void {
  if (response.stall === "headers") return;
  if (response.stall === "body") {
    res.writeHead(response.status, { "content-type": "application/json" });
    res.write("{");
    return;
  }
  const headers = { ...response.headers };
  if (response.raw) {
    res.writeHead(response.status, headers);
    if (Buffer.isBuffer(response.raw)) res.end(response.raw);
    else {
      // A source that fails mid-way (e.g. `git archive`) must cut the response, not leave it hanging.
      response.raw.on("error", (error: Error) => res.destroy(error));
      response.raw.pipe(res);
    }
    return;
  }
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(response.body));
  res.writeHead(response.status, { "content-type": "application/json", "content-length": String(payload.length), ...headers });
  res.end(payload);
}
