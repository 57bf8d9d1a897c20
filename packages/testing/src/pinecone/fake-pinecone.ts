import { FakeHttpServer, type Fault, type FakeRequest, type FakeResponse, type RateLimit } from "../http/fake-server";
import { registerControlPlane } from "./control-plane";
import { registerDataPlane, type DataOperation, type DataPlaneCall } from "./data-plane";
import { controlError } from "./errors";
import { FakeIndex, type IndexSpec } from "./fake-index";

export interface FakePineconeOptions {
  /** How long an index created over HTTP answers `ready: false` (default 0). */
  readyAfterMs?: number;
  /** When set, any other Api-Key gets 401; otherwise any non-empty key is accepted. */
  apiKey?: string;
  /** Data-plane requests per window above which the fake answers 429 with retry-after. */
  rateLimit?: RateLimit;
  latencyMs?: number;
}

/**
 * A fake Pinecone: a control plane (create/describe/list/delete serverless indexes) and a data
 * plane (upsert, query, fetch, delete, list by prefix, stats; namespaces) on two HTTP servers,
 * enforcing Pinecone's request limits with 400s. Point the SDK at it with
 * `new Pinecone({ apiKey, controllerHostUrl: fake.controllerHostUrl })`; the hosts it reports
 * are plain-http URLs of the data server.
 */
export class FakePinecone {
  readonly control = new FakeHttpServer();
  readonly data = new FakeHttpServer();
  readonly indexes = new Map<string, FakeIndex>();
  /** Every data-plane request that reached a handler, with its body size and record/id counts. */
  readonly calls: DataPlaneCall[] = [];
  /** X-Pinecone-Api-Version values seen, for checking what the SDK speaks. */
  readonly apiVersions = new Set<string>();
  readyAfterMs: number;
  private readonly apiKey: string | undefined;

  constructor(options: FakePineconeOptions = {}) {
    this.readyAfterMs = options.readyAfterMs ?? 0;
    this.apiKey = options.apiKey;
    if (options.rateLimit) this.data.setRateLimit(options.rateLimit);
    this.data.latencyMs = options.latencyMs ?? 0;
    const authorize = (req: FakeRequest) => this.authorize(req);
    registerControlPlane(this.control, {
      indexes: this.indexes,
      authorize,
      createIndex: (spec) => this.addIndex(spec, this.readyAfterMs),
    });
    registerDataPlane(this.data, {
      findIndex: (name) => this.indexes.get(name),
      authorize,
      record: (call) => this.calls.push(call),
    });
  }

  async start(): Promise<{ controllerHostUrl: string }> {
    await Promise.all([this.control.start(), this.data.start()]);
    return { controllerHostUrl: this.controllerHostUrl };
  }

  async stop(): Promise<void> {
    await Promise.all([this.control.stop(), this.data.stop()]);
  }

  get controllerHostUrl(): string {
    return this.control.url;
  }

  /** Creates an index directly (no HTTP), ready at once unless `readyAfterMs` says otherwise. */
  createIndex(spec: Partial<IndexSpec> & { name: string; dimension: number }, readyAfterMs = 0): FakeIndex {
    return this.addIndex({ metric: "cosine", cloud: "aws", region: "us-east-1", ...spec }, readyAfterMs);
  }

  index(name: string): FakeIndex {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`fake Pinecone has no index ${name}`);
    return index;
  }

  hostFor(name: string): string {
    return `${this.data.url}/index/${encodeURIComponent(name)}`;
  }

  /** The next `times` data-plane requests fail with `status` (narrow with `pathIncludes`, e.g. "/vectors/upsert"). */
  /** Drops every fault not yet served (the outage is over). */
  clearFaults(): void {
    this.data.clearFaults();
  }

  failNext(fault: Fault): void {
    this.data.failNext(fault);
  }

  /** Data-plane requests per window above which the fake answers 429 with retry-after(-ms). */
  setRateLimit(rateLimit: RateLimit | undefined): void {
    this.data.setRateLimit(rateLimit);
  }

  /** Data-plane calls of one kind; e.g. `callsOf("upsert")` for body sizes and record counts. */
  callsOf(operation: DataOperation, status?: number): DataPlaneCall[] {
    return this.calls.filter((c) => c.operation === operation && (status === undefined || c.status === status));
  }

  private addIndex(spec: IndexSpec, readyAfterMs: number): FakeIndex {
    const index = new FakeIndex(spec, this.hostFor(spec.name), Date.now() + readyAfterMs);
    this.indexes.set(spec.name, index);
    return index;
  }

  private authorize(req: FakeRequest): FakeResponse | undefined {
    const version = req.headers["x-pinecone-api-version"];
    if (typeof version === "string") this.apiVersions.add(version);
    const key = req.headers["api-key"];
    if (typeof key !== "string" || key.length === 0 || (this.apiKey !== undefined && key !== this.apiKey)) {
      return controlError(401, "UNAUTHENTICATED", "Invalid API Key");
    }
    return undefined;
  }
}
