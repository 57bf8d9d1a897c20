import type { SlackApi } from "./api";
import { dayKey, threadKey, type SlackDocument } from "./documents";
import { isLoose, isThreadParent, type SlackChannelRef, type SlackMessage } from "./messages";
import { compareTs, dayBounds, dayOf, maxTs } from "./ts";

export interface ChannelScan {
  docs: SlackDocument[];
  /** Newest message or reply ts seen. */
  latest: string | undefined;
  /** Threads whose replies were read (each one conversations.replies call or more). */
  threadsRead: number;
}

/** Reads a channel's documents from `oldest` (inclusive) on: history, then replies per thread. */
export async function scanChannel(api: SlackApi, channel: SlackChannelRef, oldest?: string, onHistory?: (threads: number) => void): Promise<ChannelScan> {
  const roots = await api.history(channel.id, oldest ? { oldest, inclusive: true } : {});
  const parents = roots.filter(isThreadParent);
  onHistory?.(parents.length);
  const docs: SlackDocument[] = [];
  let latest: string | undefined;
  const days = new Map<string, SlackMessage[]>();
  for (const m of roots) {
    latest = maxTs(latest, m.latest_reply ?? m.ts);
    latest = maxTs(latest, m.ts);
    if (!isLoose(m)) continue;
    const day = dayOf(m.ts);
    days.set(day, [...(days.get(day) ?? []), m]);
  }
  for (const parent of parents) {
    const thread = await api.replies(channel.id, parent.ts);
    if (thread && thread.length > 0) docs.push({ channel, key: threadKey(parent.ts), messages: thread });
  }
  for (const [day, messages] of days) docs.push({ channel, key: dayKey(day), messages: messages.sort((a, b) => compareTs(a.ts, b.ts)) });
  return { docs, latest, threadsRead: parents.length };
}

/** Re-reads one document by key; undefined when it no longer exists. */
export async function readDocument(api: SlackApi, channel: SlackChannelRef, key: string): Promise<SlackDocument | undefined> {
  if (key.startsWith("thread:")) {
    const ts = key.slice(7);
    const thread = await api.replies(channel.id, ts);
    const parent = thread?.[0];
    if (!thread || !parent || parent.ts !== ts || !(isThreadParent(parent) || thread.length > 1)) return undefined;
    return { channel, key, messages: thread };
  }
  const day = key.slice(4);
  const { oldest, latest } = dayBounds(day);
  const messages = (await api.history(channel.id, { oldest, latest, inclusive: true }))
    .filter((m) => isLoose(m) && dayOf(m.ts) === day)
    .sort((a, b) => compareTs(a.ts, b.ts));
  return messages.length > 0 ? { channel, key, messages } : undefined;
}
