import { loadavg } from "node:os";
import { diffGroundTruth, FakeSlack, seedSlackWorkspace, slackGroundTruth } from "@repo/testing/slack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackConnector } from "./connector";

const TOKEN = "xoxb-test-token";
const retryConfig = { retries: 5, minTimeout: 5, maxTimeout: 20 };

describe("SlackConnector against the fake Web API", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    // 10 channels × 25 days × (a thread of 9 messages + a loose message): 2,500 messages, 250 threads.
    const workspace = seedSlackWorkspace({ channels: 10, threadsPerChannel: 25, repliesPerThread: 8, loosePerChannel: 25, days: 25, foreignChannels: 2 });
    fake = await FakeSlack.start({ workspace, tokens: [TOKEN], enforceTiers: false });
  });
  afterAll(() => fake.stop());

  it("lists exactly the fake's documents, then follows edits, new replies and deletions", async () => {
    const truth = slackGroundTruth(fake.workspace);
    expect(truth.size).toBeGreaterThanOrEqual(500);
    const full = new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, retryConfig });
    const first = await full.listChanges(null);
    expect(first.complete).toBe(true);
    expect(first.upserts.map((i) => i.externalId).sort()).toEqual([...truth.keys()].sort());
    expect(new Set(first.upserts.map((i) => i.path)).size).toBe(first.upserts.length);
    expect(fake.count("CX")).toBe(0);

    // Every message's text lands in exactly the document the ground truth puts it in.
    const contents = new Map<string, string>();
    for await (const content of full.fetchContent(first.upserts)) if (content.status === "ok") contents.set(content.item.externalId, content.text);
    expect(contents.size).toBe(truth.size);
    for (const [id, doc] of truth) for (const text of doc.texts) expect(contents.get(id)).toContain(text);
    expect(contents.get(first.upserts[0]!.externalId)).toMatch(/\*\*Person \d+\*\* · \[.+ UTC\]\(https:\/\/acme\.slack\.com\/archives\/C\d+\/p\d+/);
    console.log(
      `[budget] Slack full sync: ${truth.size} documents (${countMessages(fake)} messages): ${full.requestCount()} requests (${fake.count("conversations.replies")} conversations.replies, ${fake.count("conversations.history")} conversations.history) · load ${loadavg()[0]!.toFixed(2)}`,
    );

    // A workflow step reads content in a fresh instance: same documents, re-read from Slack.
    const sample = first.upserts.filter((_, i) => i % 50 === 0);
    const fresh = new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, retryConfig });
    for await (const content of fresh.fetchContent(sample)) {
      expect(content.status).toBe("ok");
      if (content.status === "ok") expect(content.text).toBe(contents.get(content.item.externalId));
    }
    console.log(`[budget] Slack content of ${sample.length} documents in a fresh instance: ${fresh.requestCount()} requests`);

    // Five changes inside the rescan window: a reply edited, a loose message edited, a reply to a recent thread,
    // a new loose message, a loose message deleted.
    const ws = fake.workspace;
    const c1 = "C00001";
    const recentThreads = ws.history(c1).filter((m) => (m.reply_count ?? 0) > 0);
    const loose = ws.history(c1).filter((m) => !m.reply_count);
    ws.edit(c1, ws.thread(c1, recentThreads[0]!.ts)![2]!.ts, "edited reply: we chose Postgres");
    ws.edit("C00002", ws.history("C00002").find((m) => !m.reply_count)!.ts, "edited note: rollback plan");
    ws.reply(c1, recentThreads[1]!.ts, "U0001", "a late reply");
    ws.post("C00003", "U0002", "brand new message");
    ws.delete(c1, loose[0]!.ts);
    const afterEdits = slackGroundTruth(ws);
    const expected = diffGroundTruth(truth, afterEdits);
    expect(expected.upserts.length).toBeGreaterThanOrEqual(4);

    const incremental = new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, retryConfig });
    const second = await incremental.listChanges(first.position);
    expect(second.complete).toBe(false);
    expect(second.upserts.map((i) => i.externalId).sort()).toEqual(expected.upserts);
    expect(second.deletions.sort()).toEqual(expected.deletions);
    console.log(`[budget] Slack incremental after 5 edits (rescan window 7 days): ${incremental.requestCount()} requests · load ${loadavg()[0]!.toFixed(2)}`);

    // Outside the rescan window an old thread gains a reply and an old day loses its only message:
    // the Events API deliveries name those documents, and the recheck re-reads exactly them.
    const oldThread = ws
      .history("C00004")
      .filter((m) => (m.reply_count ?? 0) > 0)
      .at(-1)!;
    const oldLoose = ws
      .history("C00004")
      .filter((m) => !m.reply_count)
      .at(-1)!;
    ws.reply("C00004", oldThread.ts, "U0003", "reply to a month-old thread");
    ws.delete("C00004", oldLoose.ts);
    const afterOld = slackGroundTruth(ws);
    const expectedOld = diffGroundTruth(afterEdits, afterOld);
    const third = await new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, retryConfig }).listChanges(second.position, {
      recheck: [`C00004:thread:${oldThread.ts}`, `C00004:day:${new Date(Number(oldLoose.ts.split(".")[0]) * 1000).toISOString().slice(0, 10)}`],
    });
    expect(third.upserts.map((i) => i.externalId).sort()).toEqual(expectedOld.upserts);
    expect(third.deletions.sort()).toEqual(expectedOld.deletions);

    // Cleanup's view: every live id, nothing else.
    const live = await new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, retryConfig }).listLiveIds();
    expect(live.sort()).toEqual([...afterOld.keys()].sort());
  });
});

function countMessages(fake: FakeSlack): number {
  return fake.workspace
    .listChannels()
    .filter((c) => c.is_member)
    .reduce((n, c) => n + fake.workspace.allMessages(c.id).length, 0);
}
