import { z } from "zod";

/** The fields of a Slack message the connector reads; the rest of Slack's shape passes through. */
export const SlackMessageSchema = z.object({
  ts: z.string(),
  user: z.string().optional(),
  username: z.string().optional(),
  text: z.string().default(""),
  thread_ts: z.string().optional(),
  reply_count: z.number().optional(),
  latest_reply: z.string().optional(),
  subtype: z.string().optional(),
  edited: z.object({ ts: z.string() }).optional(),
});
export type SlackMessage = z.infer<typeof SlackMessageSchema>;

export const SlackChannelSchema = z.object({ id: z.string(), name: z.string().default(""), is_private: z.boolean().optional() });
export type SlackChannelRef = z.infer<typeof SlackChannelSchema>;

export const SlackUserSchema = z.object({
  id: z.string(),
  name: z.string().default(""),
  real_name: z.string().optional(),
  profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
});

/** Membership and housekeeping notices carry no team knowledge. */
const NOISE = new Set(["channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name"]);

export function isThreadParent(m: SlackMessage): boolean {
  return (m.reply_count ?? 0) > 0 && (m.thread_ts === undefined || m.thread_ts === m.ts);
}

/** Top-level messages that belong in a day document (not parents, not broadcast copies of replies). */
export function isLoose(m: SlackMessage): boolean {
  if (m.subtype && (NOISE.has(m.subtype) || m.subtype === "tombstone" || m.subtype === "thread_broadcast")) return false;
  if (m.thread_ts !== undefined && m.thread_ts !== m.ts) return false;
  return !isThreadParent(m);
}
