import { APIErrorCode, APIResponseError, ClientErrorCode, isNotionClientError } from "@notionhq/client";
import { ConnectorError } from "../errors";

/** Seconds (or an HTTP date) in Notion's retry-after header, as milliseconds. */
function retryAfterMs(headers: unknown): number | undefined {
  const value = headers instanceof Headers ? headers.get("retry-after") : (headers as Record<string, string> | undefined)?.["retry-after"];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The SDK's errors (after its own retries) in the one ConnectorError shape. */
export function toNotionConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (APIResponseError.isAPIResponseError(error)) {
    const base = { provider: "notion" as const, status: error.status, cause: error };
    switch (error.code) {
      case APIErrorCode.RateLimited:
        return new ConnectorError({
          ...base,
          code: "rate_limited",
          retryable: true,
          retryAfterMs: retryAfterMs(error.headers) ?? 60_000,
          message: `Notion rate limit reached: ${error.message}`,
        });
      case APIErrorCode.Unauthorized:
        return new ConnectorError({
          ...base,
          code: "unauthorized",
          retryable: false,
          message: `Notion rejected the integration token (revoked, expired or invalid): ${error.message} Reconnect the source with a valid integration secret.`,
        });
      case APIErrorCode.RestrictedResource:
        return new ConnectorError({
          ...base,
          code: "forbidden",
          retryable: false,
          message: `The Notion integration lacks a capability for this content: ${error.message}`,
        });
      case APIErrorCode.ObjectNotFound:
        return new ConnectorError({
          ...base,
          code: "not_found",
          retryable: false,
          message: `Not shared with the Notion integration, or deleted: ${error.message}`,
        });
      case APIErrorCode.InternalServerError:
      case APIErrorCode.ServiceUnavailable:
      case APIErrorCode.ServiceOverload:
      case APIErrorCode.GatewayTimeout:
      case APIErrorCode.ConflictError:
        return new ConnectorError({ ...base, code: "unavailable", retryable: true, message: `Notion is unavailable: ${error.message}` });
      default:
        return new ConnectorError({ ...base, code: "bad_request", retryable: false, message: `Notion refused the request: ${error.message}` });
    }
  }
  if (isNotionClientError(error) && error.code === ClientErrorCode.RequestTimeout) {
    return new ConnectorError({ provider: "notion", code: "timeout", retryable: true, message: "Notion did not answer in time", cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError({ provider: "notion", code: "network", retryable: true, message: `Notion could not be reached: ${message}`, cause: error });
}
