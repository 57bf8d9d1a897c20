import type * as LinearSdk from "@linear/sdk";
import { ConnectorError } from "../errors";

interface RawGraphQLError {
  message?: string;
  extensions?: { code?: string; type?: string };
}

/** How long Linear asks us to wait, from its X-RateLimit-*-Reset headers (epoch ms) or retry-after. */
export function rateLimitWaitMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const retryAfter = Number(headers.get("retry-after"));
  if (headers.get("retry-after") && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
  const resets = [
    headers.get("x-ratelimit-requests-remaining") === "0" ? headers.get("x-ratelimit-requests-reset") : null,
    headers.get("x-ratelimit-complexity-remaining") === "0" ? headers.get("x-ratelimit-complexity-reset") : null,
  ]
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
  return resets.length ? Math.max(0, Math.max(...resets) - now) : undefined;
}

let sdk: Promise<typeof LinearSdk> | undefined;

/** Linear's SDK, imported once, when a Linear source first needs it. */
export function loadLinearSdk(): Promise<typeof LinearSdk> {
  sdk ??= import("@linear/sdk");
  return sdk;
}

/** The SDK's errors (and network failures) in the one ConnectorError shape; `linear` is the loaded SDK (loadLinearSdk). */
export function toLinearConnectorError(error: unknown, linear: Pick<typeof LinearSdk, "LinearError" | "LinearErrorType">): ConnectorError {
  const { LinearError, LinearErrorType } = linear;
  if (error instanceof ConnectorError) return error;
  if (!(error instanceof LinearError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new ConnectorError({ provider: "linear", code: "network", retryable: true, message: `Linear could not be reached: ${message}`, cause: error });
  }
  const raw = (error.raw?.response?.errors ?? []) as RawGraphQLError[];
  const codes = raw.map((e) => e.extensions?.code);
  const status = error.status;
  if (error.type === LinearErrorType.Ratelimited || codes.includes("RATELIMITED") || status === 429) {
    const retryAfterMs = rateLimitWaitMs(error.raw?.response?.headers) ?? 60_000;
    return new ConnectorError({
      provider: "linear",
      code: "rate_limited",
      retryable: true,
      retryAfterMs,
      status,
      message: `Linear rate limit reached; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
      cause: error,
    });
  }
  if (error.type === LinearErrorType.AuthenticationError || error.type === LinearErrorType.Forbidden || status === 401 || status === 403) {
    return new ConnectorError({
      provider: "linear",
      code: "unauthorized",
      retryable: false,
      status,
      message: `Linear rejected the API key or OAuth token (revoked, expired or missing access): ${error.message}. Reconnect the source with a valid key.`,
      cause: error,
    });
  }
  if (
    error.type === LinearErrorType.NetworkError ||
    error.type === LinearErrorType.InternalError ||
    error.type === LinearErrorType.LockTimeout ||
    (status ?? 0) >= 500
  ) {
    return new ConnectorError({
      provider: "linear",
      code: "unavailable",
      retryable: true,
      status,
      message: `Linear is unavailable: ${error.message}`,
      cause: error,
    });
  }
  return new ConnectorError({
    provider: "linear",
    code: "bad_request",
    retryable: false,
    status,
    message: `Linear refused the query: ${error.message}`,
    cause: error,
  });
}
