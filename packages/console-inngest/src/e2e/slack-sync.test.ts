import { loadavg } from "node:os";
import { schema } from "@repo/console-db";
import { SlackConnector, verifySlackEvent } from "@repo/console-sources/slack";
import { FakeSlack, seedSlackWorkspace, signSlackRequest, slackEventCallback, slackGroundTruth } from "@repo/testing/slack";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemWebhookReceived } from "../events";
import { itemSourceSpec, requireItemTarget } from "../items/connect";
import { lexicalIds } from "../testing/ground-truth";
import { expectedItemVectorIds } from "../testing/item-ground-truth";
import { startProductionFakes, type ProductionFakes, type Services } from "../testing/production-fakes";

const TOKEN = "xoxb-slack-e2e-token";
const SIGNING_SECRET = "slack-signing-secret";
const HOUR = 3_600_000;
/** WebClient still waits every 429's Retry-After (≥ 1 s); only its own extra backoff is shortened. */
const RETRY = { retries: 10, minTimeout: 10, maxTimeout: 100 };
const RESCAN_DAYS = 7;

describe.each<Services>(["local+pgvector", "openai+pinecone"])("Slack source end to end with %s", (services) => {
  let slack: FakeSlack;
  let f: ProductionFakes;
  let sourceId: string;
  const oracle = () => new SlackConnector({ token: TOKEN, apiUrl: slack.apiUrl, retryConfig: RETRY });
  const ws = () => slack.workspace;
  const db = () => f.harness.database.db;
  const jobs = async () => db().select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(asc(schema.syncJobs.createdAt));
  const lexicalTexts = async () =>
    (await db().select({ text: schema.lexicalChunks.content }).from(schema.lexicalChunks).where(eq(schema.lexicalChunks.sourceId, sourceId)))
      .map((r) => r.text)
      .join("\n");
  const expectGroundTruth = async () => {
    const expected = await expectedItemVectorIds(oracle(), sourceId);
    expect(expected.externalIds).toEqual([...slackGroundTruth(ws()).keys()].sort());
    expect(await f.vectorIds()).toEqual(expected.ids);
    expect(await lexicalIds(db(), sourceId)).toEqual(expected.ids);
    // Nothing duplicated: one lexical row per vector id, one indexed document row per Slack document.
    const rows = await db().select({ id: schema.lexicalChunks.vectorId }).from(schema.lexicalChunks).where(eq(schema.lexicalChunks.sourceId, sourceId));
    expect(rows.length).toBe(expected.ids.size);
    const stored = await db()
      .select({ externalId: schema.documents.externalId, outcome: schema.documents.outcome })
      .from(schema.documents)
      .where(eq(schema.documents.sourceId, sourceId));
    expect(
      stored
        .filter((d) => d.outcome === "indexed")
        .map((d) => d.externalId)
        .sort(),
    ).toEqual(expected.externalIds);
  };
  /** Delivers one Events API message event, verified like the route does, and runs what it queues. */
  const webhook = async (event: Record<string, unknown>) => {
    const rawBody = slackEventCallback({ type: "message", ...event });
    const now = Date.now();
    const verdict = verifySlackEvent({
      signingSecret: SIGNING_SECRET,
      rawBody,
      headers: signSlackRequest(SIGNING_SECRET, rawBody, Math.floor(now / 1000)),
      nowMs: now,
    });
    if (!verdict.ok || verdict.kind !== "sync") throw new Error(`event not accepted: ${JSON.stringify(verdict)}`);
    await f.harness.inngest.send(
      itemWebhookReceived.create({ provider: "slack", scope: verdict.scope, reason: verdict.reason, ...(verdict.recheck ? { recheck: verdict.recheck } : {}) }),
    );
    await f.harness.local.runUntilIdle();
  };
  const channels = () =>
    ws()
      .listChannels()
      .filter((c) => c.is_member);
  /** Thread parents of a channel, oldest first. */
  const threads = (channel: string) =>
    ws()
      .history(channel)
      .reverse()
      .filter((m) => (m.reply_count ?? 0) > 0);
  const loose = (channel: string) =>
    ws()
      .history(channel)
      .reverse()
      .filter((m) => (m.reply_count ?? 0) === 0);
  const seconds = (ts: string) => Number(ts.split(".")[0]);
  const utcDay = (ts: string) => new Date(seconds(ts) * 1000).toISOString().slice(0, 10);
  /** Where the connector's re-scan window starts: midnight UTC of the newest message's day, RESCAN_DAYS back. */
  const rescanStart = () => {
    const newest = channels()
      .flatMap((c) => ws().allMessages(c.id))
      .reduce((a, m) => (seconds(m.ts) > seconds(a.ts) ? m : a));
    return Date.parse(utcDay(newest.ts)) / 1000 - RESCAN_DAYS * 86_400;
  };

  beforeAll(async () => {
    // 4 member channels × (50 threads of 1 + 9 replies, 75 loose messages) over 25 days: 2,300 messages
    // in 200 threads; one channel the bot is not in must never be read.
    const workspace = seedSlackWorkspace({ channels: 4, threadsPerChannel: 50, repliesPerThread: 9, loosePerChannel: 75, days: 25, foreignChannels: 1 });
    slack = await FakeSlack.start({ workspace, tokens: [TOKEN], enforceTiers: false });
    f = await startProductionFakes([], services, {
      quietSdk: true,
      runtime: { items: { tokens: { slack: TOKEN }, slack: { apiUrl: slack.apiUrl, retryConfig: RETRY, rescanDays: RESCAN_DAYS } } },
    });
    sourceId = await f.harness.connect(itemSourceSpec(requireItemTarget("slack:workspace")));
  }, 300_000);
  afterAll(async () => {
    await f?.close();
    await slack?.stop();
  });

  it("indexes every thread and day of the member channels exactly (request budget printed)", async () => {
    const messages = channels().flatMap((c) => ws().allMessages(c.id));
    expect(messages.length).toBeGreaterThanOrEqual(2_000);
    expect(channels().flatMap((c) => threads(c.id)).length).toBeGreaterThanOrEqual(200);
    const truth = slackGroundTruth(ws());
    const [job] = await jobs();
    expect(job).toMatchObject({ trigger: "connect", status: "succeeded", filesFailed: 0, filesIndexed: truth.size });
    await expectGroundTruth();
    expect(await lexicalTexts()).not.toContain("not for the bot");
    console.log(
      `[budget] Slack full sync of ${messages.length} messages in ${truth.size} documents (${services}): ${job!.requestsSource} Slack requests; load ${loadavg()[0]!.toFixed(2)}`,
    );
  }, 300_000);

  it("follows edits, deletions and new replies to threads older than the re-scan window through webhooks", async () => {
    const [c1, c2] = channels();
    const start = rescanStart();
    const oldThreads = threads(c1!.id).filter((m) => seconds(m.ts) < start);
    const oldLoose = loose(c2!.id).filter((m) => seconds(m.ts) < start);
    expect(oldThreads.length).toBeGreaterThan(5);
    expect(oldLoose.length).toBeGreaterThan(5);

    // A new reply to a thread weeks older than the incremental cursor and outside the re-scan window.
    const replied = oldThreads[0]!;
    const replyTs = ws().reply(c1!.id, replied.ts, "U0001", "late reply: the rollback decision stands");
    await webhook({ channel: c1!.id, ts: replyTs, thread_ts: replied.ts, text: "late reply", user: "U0001" });
    expect((await jobs()).at(-1)).toMatchObject({ trigger: "webhook", status: "succeeded", filesFailed: 0 });
    await expectGroundTruth();
    expect(await lexicalTexts()).toContain("late reply: the rollback decision stands");

    // message_changed on an old thread's reply and on an old loose message.
    const editedReply = ws().thread(c1!.id, oldThreads[1]!.ts)![3]!;
    ws().edit(c1!.id, editedReply.ts, "edited reply: latency budget is 200ms");
    await webhook({
      subtype: "message_changed",
      channel: c1!.id,
      message: { ts: editedReply.ts, thread_ts: oldThreads[1]!.ts },
      previous_message: { ts: editedReply.ts, thread_ts: oldThreads[1]!.ts },
    });
    ws().edit(c2!.id, oldLoose[0]!.ts, "edited note: cache invalidation moved to the edge");
    await webhook({ subtype: "message_changed", channel: c2!.id, message: { ts: oldLoose[0]!.ts }, previous_message: { ts: oldLoose[0]!.ts } });
    await expectGroundTruth();
    const afterEdits = await lexicalTexts();
    expect(afterEdits).toContain("edited reply: latency budget is 200ms");
    expect(afterEdits).toContain("edited note: cache invalidation moved to the edge");
    expect(afterEdits).not.toContain(editedReply.text);

    // message_deleted: a reply, a parent with replies (a tombstone keeps the thread), a loose message,
    // and the only reply of a thread (the parent becomes a loose message of its day again).
    const deletedReply = ws().thread(c1!.id, oldThreads[2]!.ts)![1]!;
    ws().delete(c1!.id, deletedReply.ts);
    await webhook({
      subtype: "message_deleted",
      channel: c1!.id,
      deleted_ts: deletedReply.ts,
      previous_message: { ts: deletedReply.ts, thread_ts: oldThreads[2]!.ts },
    });
    ws().delete(c1!.id, oldThreads[3]!.ts);
    await webhook({
      subtype: "message_deleted",
      channel: c1!.id,
      deleted_ts: oldThreads[3]!.ts,
      previous_message: { ts: oldThreads[3]!.ts, thread_ts: oldThreads[3]!.ts, reply_count: 9 },
    });
    ws().delete(c2!.id, oldLoose[1]!.ts);
    await webhook({ subtype: "message_deleted", channel: c2!.id, deleted_ts: oldLoose[1]!.ts, previous_message: { ts: oldLoose[1]!.ts } });
    const firstReply = ws().reply(c2!.id, oldLoose[2]!.ts, "U0002", "a first reply turns a note into a thread");
    await webhook({ channel: c2!.id, ts: firstReply, thread_ts: oldLoose[2]!.ts, text: "first reply", user: "U0002" });
    expect((await jobs()).at(-1)).toMatchObject({ trigger: "webhook", status: "succeeded", filesFailed: 0 });
    await expectGroundTruth();
    const afterDeletes = await lexicalTexts();
    expect(afterDeletes).not.toContain(deletedReply.text);
    expect(afterDeletes).not.toContain(oldLoose[1]!.text);
  }, 300_000);

  it("a scheduled sync finds edits, a deletion and replies to threads older than the cursor inside the re-scan window", async () => {
    const [c1, c2, c3] = channels();
    const start = rescanStart();
    const recentThreads = threads(c3!.id).filter((m) => seconds(m.ts) >= start);
    // One loose message per UTC day, so each edit below changes a different day document.
    const recentLoose = [
      ...new Map(
        loose(c2!.id)
          .filter((m) => seconds(m.ts) >= start)
          .map((m) => [utcDay(m.ts), m] as const),
      ).values(),
    ];
    expect(recentThreads.length).toBeGreaterThanOrEqual(3);
    expect(recentLoose.length).toBeGreaterThanOrEqual(3);
    // Five edits no webhook announced: three thread messages, two loose messages.
    ws().edit(c3!.id, recentThreads[0]!.ts, "edited parent: schema review moved");
    ws().edit(c3!.id, ws().thread(c3!.id, recentThreads[1]!.ts)![2]!.ts, "edited reply: index rebuild approved");
    ws().edit(c3!.id, ws().thread(c3!.id, recentThreads[2]!.ts)![5]!.ts, "edited reply: incident closed");
    ws().edit(c2!.id, recentLoose[0]!.ts, "edited note: release train on Tuesdays");
    ws().edit(c2!.id, recentLoose[1]!.ts, "edited note: deploy freeze lifted");
    f.harness.local.enableCrons();
    // Slack has no cheap change marker, so every tick of the schedule runs a (cheap) incremental job.
    const tick = async () => {
      const before = (await jobs()).length;
      await f.harness.local.advanceTime(2 * HOUR);
      await f.harness.local.runUntilIdle();
      const ran = (await jobs()).slice(before);
      expect(ran.length).toBeGreaterThanOrEqual(1);
      for (const job of ran) expect(job).toMatchObject({ trigger: "schedule", status: "succeeded", filesFailed: 0 });
      await expectGroundTruth();
      return ran;
    };
    const [edited, ...later] = await tick();
    expect(edited!.filesIndexed).toBe(5);
    for (const job of later) expect(job.filesIndexed).toBe(0);
    const texts = await lexicalTexts();
    for (const text of [
      "edited parent: schema review moved",
      "edited reply: index rebuild approved",
      "edited reply: incident closed",
      "edited note: release train on Tuesdays",
      "edited note: deploy freeze lifted",
    ]) {
      expect(texts).toContain(text);
    }
    console.log(
      `[budget] Slack incremental (scheduled) sync after 5 edits (${services}): ${edited!.requestsSource} Slack requests; load ${loadavg()[0]!.toFixed(2)}`,
    );

    // A reply to a thread older than the cursor (but inside the window), a deletion and a new message.
    ws().reply(c3!.id, recentThreads[0]!.ts, "U0003", "reply found by the re-scan window");
    ws().delete(c2!.id, recentLoose[2]!.ts);
    ws().post(c1!.id, "U0004", "a brand new message while webhooks were down");
    await tick();
    const after = await lexicalTexts();
    for (const text of ["reply found by the re-scan window", "a brand new message while webhooks were down"]) expect(after).toContain(text);
    expect(after).not.toContain(recentLoose[2]!.text);
  }, 300_000);

  it("recovers from a rate-limit storm (429 with Retry-After) with nothing lost or duplicated", async () => {
    const [c1] = channels();
    const recent = threads(c1!.id).at(-1)!;
    ws().reply(c1!.id, recent.ts, "U0005", "written during the storm");
    ws().post(c1!.id, "U0005", "another note during the storm");
    const limitedBefore = slack.count(undefined, 429);
    const jobsBefore = (await jobs()).length;
    slack.rateLimitStorm(4, { retryAfterSeconds: 1 });
    await f.harness.sync(sourceId);
    expect(slack.count(undefined, 429) - limitedBefore).toBe(4);
    // The client waited out every Retry-After inside the one job: no failed attempt, no second job.
    const ran = (await jobs()).slice(jobsBefore);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ status: "succeeded", filesFailed: 0 });
    await expectGroundTruth();
    expect(await lexicalTexts()).toContain("written during the storm");
  }, 300_000);

  it("a revoked token fails the sync with a clear error naming Slack and keeps the last good index", async () => {
    const before = await f.vectorIds();
    const [sourceBefore] = await db().select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    const [c1] = channels();
    ws().post(c1!.id, "U0006", "posted after the app was uninstalled");
    slack.revoke(TOKEN);
    await f.harness.sync(sourceId);
    const last = (await jobs()).at(-1)!;
    expect(last.status).toBe("failed");
    expect(last.error).toMatch(/Slack/);
    expect(last.error).not.toContain(TOKEN);
    expect(await f.vectorIds()).toEqual(before);
    expect(await lexicalIds(db(), sourceId)).toEqual(before);
    const [sourceAfter] = await db().select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(sourceAfter!.syncedPosition).toBe(sourceBefore!.syncedPosition);
    expect(sourceAfter!.lastError).toBe(last.error);
  }, 300_000);
});
