/** One Slack message as `conversations.history` / `conversations.replies` return it. */
export interface SlackMessage {
  type: "message";
  ts: string;
  user: string;
  text: string;
  /** Set on thread parents (equal to `ts`) and on replies (the parent's ts). */
  thread_ts?: string;
  reply_count?: number;
  latest_reply?: string;
  edited?: { user: string; ts: string };
  /** "tombstone": a deleted parent whose replies live on. */
  subtype?: string;
}

export interface SlackUser {
  id: string;
  name: string;
  real_name: string;
  deleted?: boolean;
}

export interface SlackChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  /** Whether the app's bot user is a member (only member channels are listed by users.conversations). */
  is_member: boolean;
  created: number;
}

interface StoredChannel extends SlackChannel {
  /** Top-level messages (parents and unthreaded), any order. */
  roots: Map<string, SlackMessage>;
  /** Replies by parent ts, ascending. */
  replies: Map<string, SlackMessage[]>;
}

/**
 * An in-memory Slack workspace the fake serves and a test edits. Timestamps come from a clock
 * that only moves forward, so every new message or edit sorts after everything before it.
 */
export class SlackWorkspace {
  readonly users = new Map<string, SlackUser>();
  private readonly channels = new Map<string, StoredChannel>();
  private clockMicros: bigint;

  constructor(
    readonly domain = "acme",
    startSeconds = 1_750_000_000,
  ) {
    this.clockMicros = BigInt(startSeconds) * 1_000_000n;
  }

  /** A fresh ts, `stepSeconds` after the previous one. */
  nextTs(stepSeconds = 1): string {
    this.clockMicros += BigInt(Math.round(stepSeconds * 1_000_000));
    const s = this.clockMicros.toString().padStart(16, "0");
    return `${s.slice(0, -6)}.${s.slice(-6)}`;
  }

  /** Moves the clock (e.g. a day later) without posting. */
  advance(seconds: number): void {
    this.clockMicros += BigInt(Math.round(seconds * 1_000_000));
  }

  addUser(user: SlackUser): SlackUser {
    this.users.set(user.id, user);
    return user;
  }

  addChannel(channel: Omit<SlackChannel, "created" | "is_archived" | "is_private"> & Partial<SlackChannel>): SlackChannel {
    const stored: StoredChannel = {
      is_private: false,
      is_archived: false,
      created: Number(this.clockMicros / 1_000_000n),
      ...channel,
      roots: new Map(),
      replies: new Map(),
    };
    this.channels.set(channel.id, stored);
    return publicChannel(stored);
  }

  listChannels(): SlackChannel[] {
    return [...this.channels.values()].map(publicChannel);
  }

  channel(id: string): SlackChannel | undefined {
    const c = this.channels.get(id);
    return c && publicChannel(c);
  }

  setMembership(channelId: string, isMember: boolean): void {
    this.stored(channelId).is_member = isMember;
  }

  /** Posts a top-level message; returns its ts. */
  post(channelId: string, user: string, text: string, stepSeconds = 1): string {
    const ts = this.nextTs(stepSeconds);
    this.stored(channelId).roots.set(ts, { type: "message", ts, user, text });
    return ts;
  }

  /** Replies in a thread; the parent gains `thread_ts`, `reply_count` and `latest_reply`. */
  reply(channelId: string, parentTs: string, user: string, text: string, stepSeconds = 1): string {
    const channel = this.stored(channelId);
    const parent = channel.roots.get(parentTs);
    if (!parent) throw new Error(`no message ${parentTs} in ${channelId}`);
    const ts = this.nextTs(stepSeconds);
    const list = channel.replies.get(parentTs) ?? [];
    list.push({ type: "message", ts, user, text, thread_ts: parentTs });
    channel.replies.set(parentTs, list);
    this.refreshParent(channel, parentTs);
    return ts;
  }

  /** Edits a message (top-level or reply): new text, `edited.ts` from the clock. */
  edit(channelId: string, ts: string, text: string): void {
    const message = this.find(channelId, ts);
    message.text = text;
    message.edited = { user: message.user, ts: this.nextTs() };
  }

  /**
   * Deletes a message. A parent with live replies becomes a tombstone (as Slack shows
   * "This message was deleted."); a reply leaves its thread.
   */
  delete(channelId: string, ts: string): void {
    const channel = this.stored(channelId);
    const root = channel.roots.get(ts);
    if (root) {
      if ((channel.replies.get(ts) ?? []).length > 0) {
        root.subtype = "tombstone";
        root.text = "This message was deleted.";
        root.user = "USLACKBOT";
      } else channel.roots.delete(ts);
      return;
    }
    for (const [parentTs, list] of channel.replies) {
      const index = list.findIndex((m) => m.ts === ts);
      if (index < 0) continue;
      list.splice(index, 1);
      this.refreshParent(channel, parentTs);
      return;
    }
    throw new Error(`no message ${ts} in ${channelId}`);
  }

  /** Top-level messages, newest first (the order of conversations.history). */
  history(channelId: string): SlackMessage[] {
    return [...this.stored(channelId).roots.values()].sort((a, b) => compareTs(b.ts, a.ts)).map(copy);
  }

  /** Parent then replies ascending; undefined when there is no such top-level message. */
  thread(channelId: string, ts: string): SlackMessage[] | undefined {
    const channel = this.stored(channelId);
    const root = channel.roots.get(ts);
    if (!root) return undefined;
    return [copy(root), ...(channel.replies.get(ts) ?? []).map(copy)];
  }

  /** Every message, replies included (a test's ground truth). */
  allMessages(channelId: string): SlackMessage[] {
    const channel = this.stored(channelId);
    return [...channel.roots.values(), ...[...channel.replies.values()].flat()].map(copy);
  }

  private refreshParent(channel: StoredChannel, parentTs: string): void {
    const parent = channel.roots.get(parentTs)!;
    const list = channel.replies.get(parentTs) ?? [];
    if (list.length === 0) {
      delete parent.thread_ts;
      delete parent.reply_count;
      delete parent.latest_reply;
      if (parent.subtype === "tombstone") channel.roots.delete(parentTs);
      return;
    }
    parent.thread_ts = parentTs;
    parent.reply_count = list.length;
    parent.latest_reply = list[list.length - 1]!.ts;
  }

  private find(channelId: string, ts: string): SlackMessage {
    const channel = this.stored(channelId);
    const found = channel.roots.get(ts) ?? [...channel.replies.values()].flat().find((m) => m.ts === ts);
    if (!found) throw new Error(`no message ${ts} in ${channelId}`);
    return found;
  }

  private stored(channelId: string): StoredChannel {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    return channel;
  }
}

/** Orders Slack timestamps ("seconds.micros") exactly, without float rounding. */
export function compareTs(a: string, b: string): number {
  const [as = "", am = ""] = a.split(".");
  const [bs = "", bm = ""] = b.split(".");
  return as.length - bs.length || (as < bs ? -1 : as > bs ? 1 : am.padEnd(6, "0") < bm.padEnd(6, "0") ? -1 : am.padEnd(6, "0") > bm.padEnd(6, "0") ? 1 : 0);
}

function publicChannel(c: StoredChannel): SlackChannel {
  return { id: c.id, name: c.name, is_private: c.is_private, is_archived: c.is_archived, is_member: c.is_member, created: c.created };
}

function copy(m: SlackMessage): SlackMessage {
  return { ...m, ...(m.edited ? { edited: { ...m.edited } } : {}) };
}
