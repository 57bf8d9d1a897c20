import type { z } from "zod";
import { ConnectorError, sleep } from "../errors";

export interface VercelClientOptions {
  token: string;
  /** https://api.vercel.com unless set (the fake's URL in tests). */
  baseUrl?: string;
  /** Scopes every call to a team (Vercel's `teamId` query parameter). */
  teamId?: string;
  /** Attempts per request on 429/5xx/network failures before giving up with a retryable error. */
  maxAttempts?: number;
  /** Longest single wait honoured inside a call; longer resets become a retryable error for the workflow to schedule. */
  maxWaitMs?: number;
  timeoutMs?: number;
  /** First back-off after a 5xx or network failure; doubles per attempt. */
  backoffMs?: number;
}

/**
 * A typed `fetch` client for the three Vercel endpoints a sync reads. `@vercel/sdk` covers the
 * whole API but unpacks to ~42 MB; this is the retry/rate-limit logic we need and nothing else.
 */
export class VercelClient {
  private requests = 0;
  private readonly baseUrl: string;

  constructor(private readonly options: VercelClientOptions) {
    this.baseUrl = (options.baseUrl ?? "https://api.vercel.com").replace(/\/$/, "");
  }

  requestCount(): number {
    return this.requests;
  }

  /** GET a JSON endpoint; `undefined` on 404 (a deployment deleted since it was listed). */
  async get<T>(path: string, query: Record<string, string | number | undefined>, schema: z.ZodType<T>): Promise<T | undefined> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries({ ...query, teamId: this.options.teamId })) if (value !== undefined) url.searchParams.set(key, String(value));
    const attempts = this.options.maxAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.once(url, path);
      if (outcome.kind === "ok") return schema.parse(outcome.body);
      if (outcome.kind === "missing") return undefined;
      if (attempt >= attempts || (outcome.waitMs ?? 0) > (this.options.maxWaitMs ?? 120_000)) throw outcome.error;
      await sleep(outcome.waitMs ?? (this.options.backoffMs ?? 500) * 2 ** (attempt - 1));
    }
  }

  private async once(
    url: URL,
    path: string,
  ): Promise<{ kind: "ok"; body: unknown } | { kind: "missing" } | { kind: "retry"; waitMs?: number; error: ConnectorError }> {
    this.requests += 1;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${this.options.token}` },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (cause) {
      const error = new ConnectorError({
        provider: "vercel",
        code: "unavailable",
        retryable: true,
        message: `Vercel could not be reached (${path}): ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      });
      return { kind: "retry", error };
    }
    if (response.ok) return { kind: "ok", body: await response.json() };
    const body = await response.json().catch(() => ({}));
    const detail = errorDetail(body);
    if (response.status === 404) return { kind: "missing" };
    if (response.status === 429) {
      const waitMs = resetWaitMs(response.headers);
      return {
        kind: "retry",
        waitMs,
        error: new ConnectorError({
          provider: "vercel",
          code: "rate_limited",
          retryable: true,
          retryAfterMs: waitMs,
          status: 429,
          message: `Vercel rate limit reached on ${path}; resets in ${Math.ceil(waitMs / 1000)} s`,
        }),
      };
    }
    if (response.status >= 500) {
      return {
        kind: "retry",
        error: new ConnectorError({
          provider: "vercel",
          code: "unavailable",
          retryable: true,
          status: response.status,
          message: `Vercel answered ${response.status} on ${path}`,
        }),
      };
    }
    if (response.status === 401 || response.status === 403) {
      throw new ConnectorError({
        provider: "vercel",
        code: "unauthorized",
        retryable: false,
        status: response.status,
        message: `Vercel rejected the token (${detail}): create a new access token with access to this team and reconnect`,
      });
    }
    throw new ConnectorError({
      provider: "vercel",
      code: "bad_request",
      retryable: false,
      status: response.status,
      message: `Vercel refused ${path}: ${detail}`,
    });
  }
}

/** Vercel's `x-ratelimit-reset` is the window's end in epoch seconds; `retry-after` (seconds) when present wins. */
export function resetWaitMs(headers: Headers, now = Date.now()): number {
  const retryAfter = Number(headers.get("retry-after"));
  if (headers.get("retry-after") && Number.isFinite(retryAfter)) return retryAfter * 1000;
  const reset = Number(headers.get("x-ratelimit-reset"));
  return Number.isFinite(reset) && reset > 0 ? Math.max(100, reset * 1000 - now) : 60_000;
}

function errorDetail(body: unknown): string {
  if (typeof body === "object" && body !== null && "error" in body && typeof body.error === "object" && body.error !== null) {
    const error = body.error as { code?: unknown; message?: unknown };
    return `${String(error.code ?? "error")}: ${String(error.message ?? "")}`;
  }
  return "no error body";
}
