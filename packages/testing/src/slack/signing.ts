import { createHmac } from "node:crypto";

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signSlackRequest(signingSecret: string, rawBody: string, timestampSeconds: number): Record<string, string> {
  const signature = createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest("hex");
  return {
    "x-slack-request-timestamp": String(timestampSeconds),
    "x-slack-signature": `v0=${signature}`,
    "content-type": "application/json",
  };
}

/** An Events API `event_callback` envelope around one event. */
export function slackEventCallback(event: Record<string, unknown>, eventId = `Ev${Date.now()}`): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: "T0FAKE",
    api_app_id: "A0FAKE",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
  });
}
