import type { LinearClient } from "@linear/sdk";
import { ConnectorError, sleep } from "../errors";
import { loadLinearSdk, rateLimitWaitMs, toLinearConnectorError } from "./errors";

export interface LinearTransportOptions {
  /** A personal API key (sent as is) or an OAuth access token (sent as Bearer). */
  apiKey?: string;
  accessToken?: string;
  /** Linear's GraphQL endpoint; the fakes in @repo/testing serve one over HTTP. */
  apiUrl?: string;
  /** Longest wait for a rate-limit reset inside one call; beyond it the call fails retryable with retryAfterMs. */
  maxRateLimitWaitMs?: number;
  /** Rate-limited attempts per query before giving up (retryable). */
  maxRateLimitRetries?: number;
}

/**
 * Raw GraphQL through the SDK's own client (`LinearClient.client.rawRequest`), so one request can
 * carry a page of issues with their comments. It counts requests, waits for the reset the
 * X-RateLimit-* headers announce when a budget is spent, and retries RATELIMITED answers.
 * The SDK (some 3 MB of JavaScript) is loaded by the first query, not with this module: a process
 * that syncs only git repositories never loads it.
 */
export class LinearTransport {
  private readonly options: LinearTransportOptions;
  private client: LinearClient | undefined;
  private readonly maxWaitMs: number;
  private readonly maxRetries: number;
  private requests = 0;
  private pausedUntil = 0;

  constructor(options: LinearTransportOptions) {
    if (!options.apiKey && !options.accessToken)
      throw new ConnectorError({ provider: "linear", code: "unauthorized", retryable: false, message: "Linear needs an API key or an OAuth access token" });
    this.options = options;
    this.maxWaitMs = options.maxRateLimitWaitMs ?? 60_000;
    this.maxRetries = options.maxRateLimitRetries ?? 8;
  }

  requestCount(): number {
    return this.requests;
  }

  async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.waitForBudget();
      const sdk = await loadLinearSdk();
      const client = (this.client ??= new sdk.LinearClient({
        apiKey: this.options.apiKey,
        accessToken: this.options.accessToken,
        apiUrl: this.options.apiUrl,
      }));
      this.requests += 1;
      try {
        const response = await client.client.rawRequest<T, Record<string, unknown>>(query, variables);
        this.observe(response.headers);
        return response.data as T;
      } catch (cause) {
        const error = toLinearConnectorError(cause, sdk);
        if (error.code !== "rate_limited" || attempt >= this.maxRetries) throw error;
        this.pausedUntil = Date.now() + (error.retryAfterMs ?? 0);
      }
    }
  }

  /**
   * A spent budget pauses every later call until its reset (no request is wasted on a sure
   * refusal); so does a complexity budget too small for another query as costly as the last one.
   */
  private observe(headers: Headers | undefined): void {
    const wait = rateLimitWaitMs(headers);
    if (wait !== undefined) this.pausedUntil = Date.now() + wait;
    const remaining = Number(headers?.get("x-ratelimit-complexity-remaining") ?? Number.NaN);
    const cost = Number(headers?.get("x-complexity") ?? Number.NaN);
    const reset = Number(headers?.get("x-ratelimit-complexity-reset") ?? Number.NaN);
    if (remaining < cost && reset > Date.now()) this.pausedUntil = Math.max(this.pausedUntil, reset);
  }

  private async waitForBudget(): Promise<void> {
    const wait = this.pausedUntil - Date.now();
    if (wait <= 0) return;
    if (wait > this.maxWaitMs) {
      throw new ConnectorError({
        provider: "linear",
        code: "rate_limited",
        retryable: true,
        retryAfterMs: wait,
        message: `Linear rate limit reached; its budget resets in ${Math.ceil(wait / 1000)} s`,
      });
    }
    await sleep(wait);
  }
}
