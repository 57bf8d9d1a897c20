import { randomUUID } from "node:crypto";
import { FakeHttpServer, type Fault, type FakeRequest, type FakeResponse, type RateLimit } from "../http/fake-server";
import { deterministicVector } from "./deterministic-vector";
import { validateEmbeddingRequest, type ValidEmbeddingRequest } from "./embedding-request";
import { formatResetDuration, TokenWindow } from "./token-window";

export interface FakeOpenAIOptions {
  /** Requests per window above which the fake answers 429 with retry-after(-ms). */
  rateLimit?: RateLimit;
  /** Tokens per window (default window 60 s) above which the fake answers 429, like a TPM limit. */
  tokenLimit?: { tokens: number; windowMs?: number };
  latencyMs?: number;
}

/** One accepted (200) embeddings call, as the fake saw it. */
export interface OpenAIEmbeddingCall {
  model: string;
  dimensions: number;
  inputs: string[];
  tokenCounts: number[];
  totalTokens: number;
  receivedAt: number;
}

/**
 * A fake of the OpenAI embeddings API (POST /v1/embeddings) that enforces the real request limits.
 * Point the SDK at it with `new OpenAI({ apiKey, baseURL: await fake.start() })`.
 */
export class FakeOpenAI {
  readonly server = new FakeHttpServer();
  readonly calls: OpenAIEmbeddingCall[] = [];
  private readonly tokenWindow: TokenWindow | undefined;
  private poisoned: string | undefined;

  constructor(options: FakeOpenAIOptions = {}) {
    if (options.rateLimit) this.server.setRateLimit(options.rateLimit);
    if (options.tokenLimit) this.tokenWindow = new TokenWindow(options.tokenLimit.tokens, options.tokenLimit.windowMs ?? 60_000);
    this.server.latencyMs = options.latencyMs ?? 0;
    this.server.route("POST", "/v1/embeddings", (req) => this.embeddings(req));
    // OpenAI sends its budgets on every answer, the 429s of the request limit included.
    this.server.decorate((_req, res) => ({ ...res, headers: { ...res.headers, ...this.rateLimitHeaders() } }));
  }

  /** Starts listening; returns the SDK's `baseURL` (it ends in /v1, as https://api.openai.com/v1 does). */
  async start(): Promise<string> {
    return `${await this.server.start()}/v1`;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Every request to the embeddings endpoint, whatever its status. */
  get requestCount(): number {
    return this.server.count({ method: "POST", pathIncludes: "/v1/embeddings" });
  }

  /** Drops every fault not yet served (the outage is over). */
  clearFaults(): void {
    this.server.clearFaults();
  }

  failNext(fault: Fault): void {
    this.server.failNext(fault);
  }

  setRateLimit(rateLimit: RateLimit | undefined): void {
    this.server.setRateLimit(rateLimit);
  }

  /**
   * Fails every request that contains an input with `marker` (500), until cleared with undefined:
   * a permanent outage for one batch's texts while other requests succeed.
   */
  failInputsContaining(marker: string | undefined): void {
    this.poisoned = marker;
  }

  set latencyMs(ms: number) {
    this.server.latencyMs = ms;
  }

  /** The vector this fake returns for `text` (float32 values, unit length). */
  vectorFor(text: string, options: { model?: string; dimensions?: number } = {}): number[] {
    return deterministicVector(`${options.model ?? "text-embedding-3-small"}\n${text}`, options.dimensions ?? 1536);
  }

  private embeddings(req: FakeRequest): FakeResponse {
    if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
      return { status: 401, body: { error: { message: "You didn't provide an API key.", type: "invalid_request_error", param: null, code: null } } };
    }
    const request = validateEmbeddingRequest(req.json());
    if ("status" in request) return request;
    const poisoned = this.poisoned;
    if (poisoned !== undefined && request.inputs.some((input) => input.includes(poisoned))) {
      return {
        status: 500,
        body: { error: { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null } },
      };
    }
    const tokenStatus = this.tokenWindow?.take(request.totalTokens);
    if (tokenStatus && !tokenStatus.granted) {
      const headers = { "retry-after-ms": String(tokenStatus.resetMs), "retry-after": String(Math.ceil(tokenStatus.resetMs / 1000)) };
      const message = `Rate limit reached for ${request.model} on tokens per min: Limit ${tokenStatus.limit}, Used ${tokenStatus.used}, Requested ${request.totalTokens}.`;
      return { status: 429, headers, body: { error: { message, type: "tokens", param: null, code: "rate_limit_exceeded" } } };
    }
    this.calls.push({ ...pick(request), receivedAt: Date.now() });
    const data = request.inputs.map((text, index) => {
      const vector = this.vectorFor(text, request);
      const embedding = request.encodingFormat === "base64" ? Buffer.from(Float32Array.from(vector).buffer).toString("base64") : vector;
      return { object: "embedding", index, embedding };
    });
    return {
      status: 200,
      headers: { "x-request-id": `req_${randomUUID().replaceAll("-", "")}`, "openai-model": request.model },
      body: { object: "list", data, model: request.model, usage: { prompt_tokens: request.totalTokens, total_tokens: request.totalTokens } },
    };
  }

  private rateLimitHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    const requests = this.server.rateLimitStatus();
    if (requests) {
      headers["x-ratelimit-limit-requests"] = String(requests.limit);
      headers["x-ratelimit-remaining-requests"] = String(requests.remaining);
      headers["x-ratelimit-reset-requests"] = formatResetDuration(requests.resetMs);
    }
    const tokens = this.tokenWindow?.status();
    if (tokens) {
      headers["x-ratelimit-limit-tokens"] = String(tokens.limit);
      headers["x-ratelimit-remaining-tokens"] = String(tokens.remaining);
      headers["x-ratelimit-reset-tokens"] = formatResetDuration(tokens.resetMs);
    }
    return headers;
  }
}

function pick(request: ValidEmbeddingRequest): Omit<OpenAIEmbeddingCall, "receivedAt"> {
  const { model, dimensions, inputs, tokenCounts, totalTokens } = request;
  return { model, dimensions, inputs, tokenCounts, totalTokens };
}
