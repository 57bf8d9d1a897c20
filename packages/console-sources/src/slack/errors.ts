import { ErrorCode } from "@slack/web-api";
import { ConnectorError } from "../errors";

/** Platform errors (HTTP 200, `ok: false`) that no retry fixes: the install or the token is gone. */
const AUTH = new Set([
  "not_authed",
  "invalid_auth",
  "token_revoked",
  "token_expired",
  "account_inactive",
  "no_permission",
  "missing_scope",
  "org_login_required",
  "ekm_access_denied",
]);
const GONE = new Set(["channel_not_found", "not_in_channel", "is_archived"]);

/** Maps what WebClient throws to the one connector error shape, with whether a retry helps. */
export function slackError(error: unknown, method: string, rateLimitedSeconds?: number): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === ErrorCode.PlatformError && typeof error === "object" && error !== null && "data" in error) {
    const data = error.data as { error?: unknown };
    const slackCode = typeof data.error === "string" ? data.error : "unknown";
    if (AUTH.has(slackCode)) {
      return new ConnectorError({
        provider: "slack",
        code: "unauthorized",
        retryable: false,
        message: `Slack rejected the token (${slackCode}) on ${method}: reinstall the app or update the token`,
        cause: error,
      });
    }
    if (GONE.has(slackCode)) {
      return new ConnectorError({ provider: "slack", code: "not_found", retryable: false, message: `Slack ${method}: ${slackCode}`, cause: error });
    }
    return new ConnectorError({ provider: "slack", code: "bad_request", retryable: false, message: `Slack ${method} failed: ${slackCode}`, cause: error });
  }
  // WebClient gives up on a 429 with a request error once its retries run out; the caller saw the 429s.
  if (code === ErrorCode.RateLimitedError || ((code === undefined || code === ErrorCode.RequestError) && rateLimitedSeconds !== undefined)) {
    const seconds = rateLimitedSeconds ?? 60;
    return new ConnectorError({
      provider: "slack",
      code: "rate_limited",
      retryable: true,
      retryAfterMs: seconds * 1000,
      message: `Slack ${method} stayed rate limited after retries`,
      cause: error,
    });
  }
  // HTTP 5xx and network failures: WebClient already retried them; a later attempt may succeed.
  return new ConnectorError({ provider: "slack", code: "unavailable", retryable: true, message: `Slack ${method}: ${message}`, cause: error });
}
