import { createHash } from "node:crypto";
import type { SlackWorkspace } from "./workspace";

/**
 * The documents a Slack sync must produce, computed from the fake's own data (not from the
 * connector): per member channel, one `<channel>:thread:<parent ts>` per thread and one
 * `<channel>:day:<yyyy-mm-dd>` per UTC day with unthreaded messages. Values digest the messages
 * (ts, edit, text), so two snapshots differ exactly where a document's content changed.
 */
export function slackGroundTruth(workspace: SlackWorkspace): Map<string, { digest: string; texts: string[] }> {
  const docs = new Map<string, { digest: string; texts: string[] }>();
  for (const channel of workspace.listChannels().filter((c) => c.is_member && !c.is_archived)) {
    const days = new Map<string, typeof roots>();
    const roots = workspace.history(channel.id).reverse();
    for (const root of roots) {
      if ((root.reply_count ?? 0) > 0) {
        docs.set(`${channel.id}:thread:${root.ts}`, digest(workspace.thread(channel.id, root.ts) ?? []));
        continue;
      }
      const day = new Date(Number(root.ts.split(".")[0]) * 1000).toISOString().slice(0, 10);
      days.set(day, [...(days.get(day) ?? []), root]);
    }
    for (const [day, messages] of days) docs.set(`${channel.id}:day:${day}`, digest(messages));
  }
  return docs;
}

function digest(messages: Array<{ ts: string; text: string; edited?: { ts: string } }>): { digest: string; texts: string[] } {
  const hash = createHash("sha256");
  for (const m of messages) hash.update(`${m.ts}|${m.edited?.ts ?? ""}|${m.text}\n`);
  return { digest: hash.digest("hex"), texts: messages.map((m) => m.text) };
}

/** What an incremental sync between two snapshots must report. */
export function diffGroundTruth(before: Map<string, { digest: string }>, after: Map<string, { digest: string }>): { upserts: string[]; deletions: string[] } {
  const upserts = [...after].filter(([id, doc]) => before.get(id)?.digest !== doc.digest).map(([id]) => id);
  const deletions = [...before.keys()].filter((id) => !after.has(id));
  return { upserts: upserts.sort(), deletions: deletions.sort() };
}
