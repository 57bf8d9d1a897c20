/**
 * The SDK retries 5xx only and turns a 429 into an error that has lost the response headers.
 * This fetch, given to the SDK as `fetchApi`, throws a RateLimitedResponse carrying the server's
 * wait instead; the SDK wraps it (as `cause`) and withRetry finds it there.
 */
export class RateLimitedResponse extends Error {
  constructor(readonly retryAfterMs: number | undefined) {
    super(retryAfterMs === undefined ? "rate limited (429)" : `rate limited (429), retry after ${retryAfterMs} ms`);
    this.name = "RateLimitedResponse";
  }
}

export function rateLimitAwareFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.status !== 429) return response;
    await response.body?.cancel();
    throw new RateLimitedResponse(parseRetryAfter(response.headers));
  };
}

/** `retry-after-ms` first (finer), then `retry-after` as seconds or an HTTP date. */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.has("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (value.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
