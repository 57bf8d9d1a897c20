import { findHttpLimitError, type HttpLimitError } from "@repo/http-limits";
import { SourceError } from "../errors";

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

interface HttpErrorShape {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  cause?: unknown;
}

/**
 * Maps an Octokit failure to a SourceError that says whether retrying can help. Bad credentials
 * and missing repositories are final; rate limits carry the wait; an unreachable host names the
 * host, never the token.
 */
export function classifyGitHubError(error: unknown, what: string, baseUrl: string): SourceError {
  if (error instanceof SourceError) return error;
  const limit = findHttpLimitError(error);
  if (limit) return fromHttpLimit(limit, what, error);
  const shape: HttpErrorShape = typeof error === "object" && error !== null ? error : {};
  const status = typeof shape.status === "number" ? shape.status : undefined;
  const networkCode = findNetworkCode(error);
  if (networkCode) return new SourceError("network", `cannot reach GitHub at ${baseUrl} (${networkCode}) while ${what}`, { cause: error });

  const detail = typeof shape.message === "string" ? shape.message : "unknown error";
  // Octokit gives a request that never got an answer (refused, blocked port) status 500 and no response.
  if (!shape.response) return new SourceError("network", `request to GitHub at ${baseUrl} failed while ${what}: ${detail}`, { cause: error });
  const headers = shape.response.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  const remaining = headers["x-ratelimit-remaining"];
  const options = { status, cause: error };

  if (status === 401) return new SourceError("unauthorized", `GitHub rejected the credentials (401) while ${what}: ${detail}`, options);
  if (status === 429 || (status === 403 && (String(remaining) === "0" || Number.isFinite(retryAfter) || /rate limit/i.test(detail)))) {
    const reset = Number(headers["x-ratelimit-reset"]);
    const waitSeconds = Number.isFinite(retryAfter) ? retryAfter : Number.isFinite(reset) ? Math.max(0, reset - Math.floor(Date.now() / 1000)) : undefined;
    return new SourceError("rate-limited", `GitHub rate limit reached while ${what}`, { ...options, retryAfterSeconds: waitSeconds });
  }
  if (status === 403) return new SourceError("forbidden", `GitHub refused access (403) while ${what}: ${detail}`, options);
  if (status === 404 || status === 410) return new SourceError("not-found", `not found on GitHub (${status}) while ${what}`, options);
  if (status !== undefined && status >= 500) return new SourceError("server", `GitHub failed (${status}) while ${what}: ${detail}`, options);
  if (status !== undefined) return new SourceError("invalid-response", `unexpected GitHub answer (${status}) while ${what}: ${detail}`, options);
  return new SourceError("network", `request to GitHub at ${baseUrl} failed while ${what}: ${detail}`, options);
}

/** A timeout or an oversized answer (the client's limits) as a SourceError: retryable or final. */
export function fromHttpLimit(limit: HttpLimitError, what: string, cause: unknown = limit): SourceError {
  return new SourceError(limit.code, `${limit.message} while ${what}`, { cause });
}

function findNetworkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth += 1) {
    const code = "code" in current ? current.code : undefined;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
}
