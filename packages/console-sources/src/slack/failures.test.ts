import { FakeSlack, seedSlackWorkspace, slackGroundTruth } from "@repo/testing/slack";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../errors";
import { SlackConnector } from "./connector";

const TOKEN = "xoxb-test-token";
const retryConfig = { retries: 6, minTimeout: 5, maxTimeout: 20 };
let fake: FakeSlack | undefined;
afterEach(() => fake?.stop());

describe("SlackConnector under rate limits and a revoked token", () => {
  it("recovers from 429 storms and 503s, Tier 3 limits enforced, with no lost or duplicate documents", async () => {
    const workspace = seedSlackWorkspace({ channels: 3, threadsPerChannel: 30, repliesPerThread: 2, loosePerChannel: 10, days: 10 });
    // Slack's minute shrunk to one second: Tier 3 (50/min) throttles the 90 replies calls.
    fake = await FakeSlack.start({ workspace, tokens: [TOKEN], minuteMs: 1000 });
    fake.rateLimitStorm(2, { method: "conversations.history" });
    fake.rateLimitStorm(1, { method: "users.conversations" });
    fake.http.failNext({ status: 503, times: 2, pathIncludes: "conversations.replies" });
    const connector = new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, retryConfig });
    const changes = await connector.listChanges(null);
    const ids = changes.upserts.map((i) => i.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...slackGroundTruth(workspace).keys()].sort());
    expect(fake.count(undefined, 429)).toBeGreaterThanOrEqual(3);
    expect(fake.count("conversations.replies", 503)).toBe(2);
    expect(connector.rateReport().tier).toBe("internal");
  });

  it("completes a channel on the 1-request/minute tier and says how long a sync takes", async () => {
    const workspace = seedSlackWorkspace({ channels: 1, threadsPerChannel: 1, repliesPerThread: 3, loosePerChannel: 20, days: 1 });
    fake = await FakeSlack.start({ workspace, tokens: [TOKEN], appKind: "non-marketplace", minuteMs: 1000 });
    const notices: string[] = [];
    const connector = new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, retryConfig, onNotice: (m) => notices.push(m) });
    const changes = await connector.listChanges(null);
    expect(changes.upserts.map((i) => i.externalId).sort()).toEqual([...slackGroundTruth(workspace).keys()].sort());
    const report = connector.rateReport();
    expect(report.tier).toBe("non-marketplace");
    // 21 top-level messages → 2 history pages of 15, plus one replies call: 3 minutes on Slack's real clock.
    expect(report).toMatchObject({ historyCalls: 3, expectedDurationMs: 180_000 });
    console.log(`[tier] ${report.description}`);
    expect(report.description).toMatch(/outside the Marketplace: 1 history\/replies request per minute, 15 messages each/);
    expect(notices.join("\n")).toMatch(/≈ \d+ min/);
    expect(fake.count("conversations.history", 200)).toBe(2);
  });

  it("a storm longer than the retry budget is a retryable rate_limited error with the wait Slack asked for", async () => {
    fake = await FakeSlack.start({
      workspace: seedSlackWorkspace({ channels: 1, threadsPerChannel: 1, repliesPerThread: 1, loosePerChannel: 1, days: 1 }),
      tokens: [TOKEN],
    });
    fake.rateLimitStorm(10, { method: "auth.test", retryAfterSeconds: 1 });
    const error = await new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, retryConfig: { retries: 1, minTimeout: 5, maxTimeout: 10 } })
      .listChanges(null)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: "slack", code: "rate_limited", retryable: true, retryAfterMs: 1000 });
    expect(fake.count("auth.test", 429)).toBe(2);
  });

  it("a revoked token is a non-retryable error that names the cause", async () => {
    fake = await FakeSlack.start({
      workspace: seedSlackWorkspace({ channels: 1, threadsPerChannel: 1, repliesPerThread: 1, loosePerChannel: 1, days: 1 }),
      tokens: [TOKEN],
    });
    fake.revoke(TOKEN);
    const error = await new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, retryConfig }).listChanges(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ provider: "slack", code: "unauthorized", retryable: false, message: expect.stringContaining("token_revoked") });
    expect(fake.count()).toBe(1);
  });
});
