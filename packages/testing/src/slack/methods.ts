import { decodeCursor, page } from "./paging";
import { pageSize, type SlackAppKind } from "./tiers";
import { compareTs, type SlackWorkspace } from "./workspace";

export type SlackArgs = Record<string, string>;
/** A Web API answer: HTTP 200 with `ok: true|false`, as Slack sends it. */
export type SlackResult = { ok: true; [key: string]: unknown } | { ok: false; error: string };

type Method = (args: SlackArgs, ws: SlackWorkspace, kind: SlackAppKind) => SlackResult;

function fail(error: string): SlackResult {
  return { ok: false, error };
}

function withinRange(ts: string, args: SlackArgs): boolean {
  const inclusive = args.inclusive === "true" || args.inclusive === "1";
  if (args.oldest && (inclusive ? compareTs(ts, args.oldest) < 0 : compareTs(ts, args.oldest) <= 0)) return false;
  if (args.latest && (inclusive ? compareTs(ts, args.latest) > 0 : compareTs(ts, args.latest) >= 0)) return false;
  return true;
}

function paged<T>(method: string, items: T[], args: SlackArgs, kind: SlackAppKind): { items: T[]; next: string } | "invalid_cursor" {
  const offset = decodeCursor(args.cursor);
  if (offset === "invalid") return "invalid_cursor";
  return page(items, offset, pageSize(method, args.limit ? Number(args.limit) : undefined, kind));
}

/** The Web API methods a read-only sync uses. */
export const SLACK_METHODS: Record<string, Method> = {
  "auth.test": (_args, ws) => ({
    ok: true,
    url: `https://${ws.domain}.slack.com/`,
    team: ws.domain,
    team_id: "T0FAKE",
    user: "tributary",
    user_id: "U0BOT",
    bot_id: "B0BOT",
  }),

  "users.list": (args, ws, kind) => {
    const result = paged("users.list", [...ws.users.values()], args, kind);
    if (result === "invalid_cursor") return fail(result);
    return { ok: true, members: result.items, response_metadata: { next_cursor: result.next } };
  },

  "users.conversations": (args, ws, kind) => {
    const types = (args.types ?? "public_channel").split(",");
    const excludeArchived = args.exclude_archived === "true" || args.exclude_archived === "1";
    const channels = ws
      .listChannels()
      .filter((c) => c.is_member && types.includes(c.is_private ? "private_channel" : "public_channel"))
      .filter((c) => !(excludeArchived && c.is_archived))
      .sort((a, b) => a.id.localeCompare(b.id));
    const result = paged("users.conversations", channels, args, kind);
    if (result === "invalid_cursor") return fail(result);
    return { ok: true, channels: result.items, response_metadata: { next_cursor: result.next } };
  },

  "conversations.history": (args, ws, kind) => {
    const channel = args.channel ? ws.channel(args.channel) : undefined;
    if (!channel) return fail("channel_not_found");
    if (!channel.is_member && channel.is_private) return fail("channel_not_found");
    if (!channel.is_member) return fail("not_in_channel");
    const messages = ws.history(channel.id).filter((m) => withinRange(m.ts, args));
    const result = paged("conversations.history", messages, args, kind);
    if (result === "invalid_cursor") return fail(result);
    return {
      ok: true,
      messages: result.items,
      has_more: result.next !== "",
      pin_count: 0,
      response_metadata: { next_cursor: result.next },
    };
  },

  "conversations.replies": (args, ws, kind) => {
    const channel = args.channel ? ws.channel(args.channel) : undefined;
    if (!channel || (!channel.is_member && channel.is_private)) return fail("channel_not_found");
    if (!channel.is_member) return fail("not_in_channel");
    const thread = args.ts ? ws.thread(channel.id, args.ts) : undefined;
    if (!thread) return fail("thread_not_found");
    // The parent always comes first; oldest/latest filter the replies.
    const [parent, ...replies] = thread;
    const listed = [parent!, ...replies.filter((m) => withinRange(m.ts, args))];
    const result = paged("conversations.replies", listed, args, kind);
    if (result === "invalid_cursor") return fail(result);
    return { ok: true, messages: result.items, has_more: result.next !== "", response_metadata: { next_cursor: result.next } };
  },
};
