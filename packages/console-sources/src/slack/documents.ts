import { createHash } from "node:crypto";
import type { ConnectorItem } from "@repo/console-types";
import type { SlackChannelRef, SlackMessage } from "./messages";
import { dayOf } from "./ts";

/** One document: a thread (parent + replies) or one UTC day of a channel's unthreaded messages. */
export interface SlackDocument {
  channel: SlackChannelRef;
  /** "thread:<ts>" or "day:<yyyy-mm-dd>": unique within the channel. */
  key: string;
  messages: SlackMessage[];
}

export function threadKey(ts: string): string {
  return `thread:${ts}`;
}

export function dayKey(day: string): string {
  return `day:${day}`;
}

export function externalId(channelId: string, key: string): string {
  return `${channelId}:${key}`;
}

export function parseExternalId(id: string): { channelId: string; kind: "thread" | "day"; value: string } | undefined {
  const match = /^([^:]+):(thread|day):(.+)$/.exec(id);
  return match ? { channelId: match[1]!, kind: match[2] as "thread" | "day", value: match[3]! } : undefined;
}

/** Where the document's key lies in time (its parent ts, or its day), for rescan-window checks. */
export function keyDay(key: string): string {
  return key.startsWith("thread:") ? dayOf(key.slice(7)) : key.slice(4);
}

/** Changes whenever a message in it is added, edited (edited.ts) or removed. */
export function documentVersion(doc: SlackDocument): string {
  const hash = createHash("sha256");
  for (const m of doc.messages) hash.update(`${m.ts}\u0000${m.edited?.ts ?? ""}\u0000${m.subtype ?? ""}\u0000${m.user ?? ""}\u0000${m.text}\u0001`);
  return hash.digest("hex").slice(0, 16);
}

export function messageLink(workspaceUrl: string, channelId: string, ts: string, threadTs?: string): string {
  const base = `${workspaceUrl.replace(/\/$/, "")}/archives/${channelId}/p${ts.replace(".", "")}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channelId}` : base;
}

export function documentItem(doc: SlackDocument, workspaceUrl: string): ConnectorItem {
  const { channel, key } = doc;
  const isThread = key.startsWith("thread:");
  const first = doc.messages[0];
  const title = isThread ? `#${channel.name}: ${(first?.text ?? "").split("\n")[0]!.slice(0, 80)}` : `#${channel.name} — ${key.slice(4)}`;
  return {
    externalId: externalId(channel.id, key),
    path: isThread ? `${channel.id}/threads/${key.slice(7)}.md` : `${channel.id}/days/${key.slice(4)}.md`,
    title,
    version: documentVersion(doc),
    url: first ? messageLink(workspaceUrl, channel.id, first.ts) : undefined,
  };
}

/** Markdown with author names resolved and a link per message. */
export function renderDocument(doc: SlackDocument, workspaceUrl: string, names: ReadonlyMap<string, string>): string {
  const item = documentItem(doc, workspaceUrl);
  const lines = [`# ${item.title}`, ""];
  const parentTs = doc.key.startsWith("thread:") ? doc.key.slice(7) : undefined;
  for (const m of doc.messages) {
    const author = m.user ? (names.get(m.user) ?? m.user) : (m.username ?? "unknown");
    const when = new Date(Number(m.ts.split(".")[0]) * 1000).toISOString().slice(0, 16).replace("T", " ");
    const reply = parentTs !== undefined && m.ts !== parentTs;
    const link = messageLink(workspaceUrl, doc.channel.id, m.ts, parentTs);
    lines.push(`${reply ? "> " : ""}**${author}** · [${when} UTC](${link})${m.edited ? " (edited)" : ""}`, "");
    lines.push(...m.text.split("\n").map((l) => (reply ? `> ${l}` : l)), "");
  }
  return lines.join("\n").trimEnd() + "\n";
}
