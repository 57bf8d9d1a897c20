import { signSlackRequest, slackEventCallback } from "@repo/testing/slack";
import { describe, expect, it } from "vitest";
import { verifySlackEvent } from "./webhook";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const now = 1_750_000_000_000;
const at = (seconds: number) => Math.floor(now / 1000) + seconds;

describe("verifySlackEvent", () => {
  it("answers the URL-verification challenge once signed", () => {
    const body = JSON.stringify({ token: "t", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    const verdict = verifySlackEvent({ signingSecret: SECRET, rawBody: body, headers: signSlackRequest(SECRET, body, at(0)), nowMs: now });
    expect(verdict).toEqual({ ok: true, kind: "challenge", response: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("turns message events into a channel sync with the documents to re-read", () => {
    const reply = slackEventCallback({ type: "message", channel: "C00001", user: "U1", text: "hi", ts: "1750000100.000200", thread_ts: "1749000000.000100" });
    expect(verifySlackEvent({ signingSecret: SECRET, rawBody: reply, headers: signSlackRequest(SECRET, reply, at(-10)), nowMs: now })).toEqual({
      ok: true,
      kind: "sync",
      scope: "C00001",
      reason: "message in C00001",
      recheck: ["C00001:thread:1749000000.000100", "C00001:day:2025-06-04"],
    });
    const deleted = slackEventCallback({
      type: "message",
      subtype: "message_deleted",
      channel: "C00002",
      ts: "1750000200.000000",
      deleted_ts: "1749990000.000300",
      previous_message: { ts: "1749990000.000300" },
    });
    const verdict = verifySlackEvent({ signingSecret: SECRET, rawBody: deleted, headers: signSlackRequest(SECRET, deleted, at(0)), nowMs: now });
    expect(verdict).toMatchObject({ ok: true, kind: "sync", recheck: ["C00002:thread:1749990000.000300", "C00002:day:2025-06-15"] });
    const edited = slackEventCallback({
      type: "message",
      subtype: "message_changed",
      channel: "C00003",
      ts: "1750000300.000000",
      message: { ts: "1749000500.000100", thread_ts: "1749000000.000100" },
    });
    expect(verifySlackEvent({ signingSecret: SECRET, rawBody: edited, headers: signSlackRequest(SECRET, edited, at(0)), nowMs: now })).toMatchObject({
      recheck: ["C00003:thread:1749000000.000100", "C00003:day:2025-06-04"],
    });
    const reaction = slackEventCallback({ type: "reaction_added", user: "U1" });
    expect(verifySlackEvent({ signingSecret: SECRET, rawBody: reaction, headers: signSlackRequest(SECRET, reaction, at(0)), nowMs: now })).toMatchObject({
      ok: true,
      kind: "ignored",
    });
  });

  it("rejects forged, tampered, stale and unsigned requests", () => {
    const body = slackEventCallback({ type: "message", channel: "C00001", user: "U1", text: "hi", ts: "1750000100.000200" });
    const forged = verifySlackEvent({ signingSecret: SECRET, rawBody: body, headers: signSlackRequest("another-secret", body, at(0)), nowMs: now });
    expect(forged).toEqual({ ok: false, status: 401, message: "Slack signature does not match" });
    const tampered = verifySlackEvent({
      signingSecret: SECRET,
      rawBody: body.replace("C00001", "C00009"),
      headers: signSlackRequest(SECRET, body, at(0)),
      nowMs: now,
    });
    expect(tampered).toMatchObject({ ok: false, status: 401 });
    const stale = verifySlackEvent({ signingSecret: SECRET, rawBody: body, headers: signSlackRequest(SECRET, body, at(-301)), nowMs: now });
    expect(stale).toMatchObject({ ok: false, status: 401, message: expect.stringContaining("stale") });
    // A replayed timestamp header with the original signature: the signature covers the timestamp.
    const replayed = { ...signSlackRequest(SECRET, body, at(-400)), "x-slack-request-timestamp": String(at(0)) };
    expect(verifySlackEvent({ signingSecret: SECRET, rawBody: body, headers: replayed, nowMs: now })).toMatchObject({ ok: false, status: 401 });
    expect(verifySlackEvent({ signingSecret: SECRET, rawBody: body, headers: {}, nowMs: now })).toMatchObject({ ok: false, status: 401 });
    const notJson = "not json";
    expect(verifySlackEvent({ signingSecret: SECRET, rawBody: notJson, headers: signSlackRequest(SECRET, notJson, at(0)), nowMs: now })).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});
