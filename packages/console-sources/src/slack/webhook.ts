import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookVerdict } from "@repo/console-types";
import { z } from "zod";
import { dayKey, externalId, threadKey } from "./documents";
import { dayOf } from "./ts";

/** Slack refuses replays older than five minutes; so do we. */
const MAX_AGE_SECONDS = 300;

const MessageRef = z.object({ ts: z.string(), thread_ts: z.string().optional(), reply_count: z.number().optional() });
const EnvelopeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("url_verification"), challenge: z.string() }),
  z.object({
    type: z.literal("event_callback"),
    event_id: z.string().optional(),
    event: z.object({
      type: z.string(),
      subtype: z.string().optional(),
      channel: z.string().optional(),
      ts: z.string().optional(),
      thread_ts: z.string().optional(),
      deleted_ts: z.string().optional(),
      message: MessageRef.optional(),
      previous_message: MessageRef.optional(),
    }),
  }),
]);

/**
 * Verifies an Events API request (signing secret, v0 HMAC-SHA256 over `v0:<timestamp>:<raw body>`,
 * at most five minutes old) before parsing it, then says what to sync. It does no I/O, so the
 * route can answer within Slack's 3 seconds and run the sync in the background.
 */
export function verifySlackEvent(input: {
  signingSecret: string;
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  nowMs?: number;
}): WebhookVerdict {
  const timestamp = header(input.headers, "x-slack-request-timestamp");
  const signature = header(input.headers, "x-slack-signature");
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return { ok: false, status: 401, message: "missing Slack signature headers" };
  const age = Math.abs((input.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (age > MAX_AGE_SECONDS) return { ok: false, status: 401, message: "stale Slack request (older than 5 minutes): possible replay" };
  const expected = `v0=${createHmac("sha256", input.signingSecret).update(`v0:${timestamp}:${input.rawBody}`).digest("hex")}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, status: 401, message: "Slack signature does not match" };
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody);
  } catch {
    return { ok: false, status: 400, message: "Slack event body is not JSON" };
  }
  const parsed = EnvelopeSchema.safeParse(body);
  if (!parsed.success) return { ok: true, kind: "ignored", reason: "not an event this source reads" };
  if (parsed.data.type === "url_verification") return { ok: true, kind: "challenge", response: parsed.data.challenge };
  const event = parsed.data.event;
  if (event.type !== "message" || !event.channel) {
    return event.channel && event.type.startsWith("member_joined")
      ? { ok: true, kind: "sync", scope: event.channel, reason: event.type }
      : { ok: true, kind: "ignored", reason: `event ${event.type} is not read` };
  }
  return { ok: true, kind: "sync", scope: event.channel, reason: `${event.subtype ?? "message"} in ${event.channel}`, recheck: affected(event.channel, event) };
}

/** The documents a message event may have changed: its thread, or its day (both when unsure). */
function affected(
  channel: string,
  event: { ts?: string; thread_ts?: string; deleted_ts?: string; message?: z.infer<typeof MessageRef>; previous_message?: z.infer<typeof MessageRef> },
): string[] {
  const ref = event.message ?? event.previous_message ?? (event.ts ? { ts: event.deleted_ts ?? event.ts, thread_ts: event.thread_ts } : undefined);
  if (!ref) return [];
  const ts = event.deleted_ts ?? ref.ts;
  const threadTs = ref.thread_ts ?? event.previous_message?.thread_ts;
  // A reply: its thread, and the parent's day (a first reply turns a loose message into a thread).
  if (threadTs && threadTs !== ts) return [externalId(channel, threadKey(threadTs)), externalId(channel, dayKey(dayOf(threadTs)))];
  // A top-level message: a thread parent, or part of its day (or it just stopped being one of them).
  return [externalId(channel, threadKey(ts)), externalId(channel, dayKey(dayOf(ts)))];
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
