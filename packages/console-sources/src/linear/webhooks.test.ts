import { createHmac } from "node:crypto";
import { FakeLinear } from "@repo/testing/linear";
import { describe, expect, it } from "vitest";
import { verifyLinearWebhook } from "./webhooks";

const SECRET = "lin_wh_secret";
const fake = new FakeLinear();
const issueEvent = () => fake.webhook(SECRET, { action: "update", type: "Issue", data: { id: "i1", team: { key: "ENG" } } });

describe("verifyLinearWebhook", () => {
  it("accepts a signed Issue event and asks for a sync of its team", () => {
    const { body, headers } = issueEvent();
    expect(verifyLinearWebhook(body, headers, SECRET)).toEqual({ ok: true, kind: "sync", scope: "linear:ENG", reason: "Linear Issue update" });
  });

  it("names the team as its source stores it, whatever the case of the delivery's key", () => {
    const { body, headers } = fake.webhook(SECRET, { action: "create", type: "Comment", data: { id: "c1", issue: { team: { key: "eng" } } } });
    expect(verifyLinearWebhook(body, headers, SECRET)).toMatchObject({ ok: true, kind: "sync", scope: "linear:ENG" });
  });

  it("rejects a forged signature, a tampered body, a missing header and a replayed (stale) delivery", () => {
    const { body, headers } = issueEvent();
    expect(verifyLinearWebhook(body, { ...headers, "linear-signature": "0".repeat(64) }, SECRET)).toMatchObject({ ok: false, status: 401 });
    expect(verifyLinearWebhook(body.replace("ENG", "OPS"), headers, SECRET)).toMatchObject({ ok: false, status: 401 });
    expect(verifyLinearWebhook(body, { ...headers, "linear-signature": undefined }, SECRET)).toMatchObject({
      ok: false,
      status: 401,
      message: "missing linear-signature header",
    });
    expect(verifyLinearWebhook(body, headers, "another-secret")).toMatchObject({ ok: false, status: 401 });
    const stale = JSON.stringify({ ...JSON.parse(body), webhookTimestamp: Date.now() - 10 * 60_000 });
    const staleSignature = createHmac("sha256", SECRET).update(stale).digest("hex");
    expect(verifyLinearWebhook(stale, { ...headers, "linear-signature": staleSignature }, SECRET)).toMatchObject({
      ok: false,
      status: 401,
      message: expect.stringMatching(/timestamp/),
    });
  });

  it("ignores verified events that do not change indexed content", () => {
    const { body, headers } = fake.webhook(SECRET, { action: "create", type: "Reaction", data: { id: "r1" } });
    expect(verifyLinearWebhook(body, headers, SECRET)).toMatchObject({ ok: true, kind: "ignored" });
  });
});
