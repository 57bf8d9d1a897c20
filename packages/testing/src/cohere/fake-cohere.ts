import { randomUUID } from "node:crypto";
import { FakeHttpServer, type Fault, type FakeRequest, type FakeResponse, type RateLimit } from "../http/fake-server";
import { deterministicVector } from "../openai/deterministic-vector";
import { validateEmbedRequest } from "./embed-request";

export interface FakeCohereOptions {
  /** Requests per window above which the fake answers 429 with retry-after(-ms). */
  rateLimit?: RateLimit;
  latencyMs?: number;
}

/** One accepted (200) embed call, as the fake saw it. */
export interface CohereEmbedCall {
  model: string;
  inputType: string;
  dimensions: number;
  texts: string[];
  truncate: "NONE" | "START" | "END";
  receivedAt: number;
}

/**
 * A fake of Cohere's v2 embed endpoint (POST /v2/embed) that enforces its request limits.
 * Point the SDK at it with `new CohereClientV2({ token, baseUrl: await fake.start() })`.
 */
export class FakeCohere {
  readonly server = new FakeHttpServer();
  readonly calls: CohereEmbedCall[] = [];

  constructor(options: FakeCohereOptions = {}) {
    if (options.rateLimit) this.server.setRateLimit(options.rateLimit);
    this.server.latencyMs = options.latencyMs ?? 0;
    this.server.route("POST", "/v2/embed", (req) => this.embed(req));
  }

  /** Starts listening; returns the SDK's `baseUrl` (the SDK appends v2/embed). */
  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Every request to the embed endpoint, whatever its status. */
  get requestCount(): number {
    return this.server.count({ method: "POST", pathIncludes: "/v2/embed" });
  }

  failNext(fault: Fault): void {
    this.server.failNext(fault);
  }

  setRateLimit(rateLimit: RateLimit | undefined): void {
    this.server.setRateLimit(rateLimit);
  }

  set latencyMs(ms: number) {
    this.server.latencyMs = ms;
  }

  /**
   * The vector this fake returns for `text`. Like the real service, documents and queries embed
   * differently, so a test can tell which input type a text was sent with.
   */
  vectorFor(text: string, options: { model?: string; inputType?: string; dimensions?: number } = {}): number[] {
    const seed = `${options.model ?? "embed-english-v3.0"}\n${options.inputType ?? "search_document"}\n${text}`;
    // Six decimals, as the service returns them; it keeps the JSON of big batches small. `|| 0`
    // turns -0 into 0, which is what a JSON round trip would make of it anyway.
    return deterministicVector(seed, options.dimensions ?? 1024).map((v) => Math.round(v * 1e6) / 1e6 || 0);
  }

  private embed(req: FakeRequest): FakeResponse {
    if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) return { status: 401, body: { message: "no api key supplied" } };
    const request = validateEmbedRequest(req.json());
    if ("status" in request) return request;
    const { model, inputType, dimensions, texts, truncate } = request;
    this.calls.push({ model, inputType, dimensions, texts, truncate, receivedAt: Date.now() });
    const inputTokens = request.tokenCounts.reduce((sum, n) => sum + n, 0);
    return {
      status: 200,
      body: {
        id: randomUUID(),
        embeddings: { float: texts.map((text) => this.vectorFor(text, request)) },
        texts,
        meta: { api_version: { version: "2" }, billed_units: { input_tokens: inputTokens } },
        response_type: "embeddings_by_type",
      },
    };
  }
}
