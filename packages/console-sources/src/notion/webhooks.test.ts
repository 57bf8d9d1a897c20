import { FakeNotion } from "@repo/testing/notion";
import { describe, expect, it } from "vitest";
import { verifyNotionWebhook } from "./webhooks";

const TOKEN = "secret_verification_token";
const fake = new FakeNotion();

describe("verifyNotionWebhook", () => {
  it("hands back the token of the subscription's verification request", async () => {
    const { body, headers } = fake.verificationRequest(TOKEN);
    expect(await verifyNotionWebhook(body, headers, undefined)).toEqual({ ok: true, kind: "verification", token: TOKEN });
  });

  it("accepts a signed page event and asks for a sync", async () => {
    const { body, headers } = fake.webhook(TOKEN, { type: "page.content_updated", entity: { id: "p1", type: "page" } });
    expect(await verifyNotionWebhook(Buffer.from(body), headers, TOKEN)).toEqual({
      ok: true,
      kind: "sync",
      scope: "notion",
      reason: "Notion page.content_updated p1",
    });
  });

  it("rejects forged, tampered and unsigned events, and events when no token is configured", async () => {
    const { body, headers } = fake.webhook(TOKEN, { type: "page.deleted", entity: { id: "p1", type: "page" } });
    expect(await verifyNotionWebhook(body, { ...headers, "x-notion-signature": `sha256=${"0".repeat(64)}` }, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(await verifyNotionWebhook(body.replace("p1", "p2"), headers, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(await verifyNotionWebhook(body, { "content-type": "application/json" }, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(await verifyNotionWebhook(body, headers, "another-token")).toMatchObject({ ok: false, status: 401 });
    expect(await verifyNotionWebhook(body, headers, undefined)).toMatchObject({ ok: false, status: 401 });
    expect(await verifyNotionWebhook("not json", headers, TOKEN)).toMatchObject({ ok: false, status: 400 });
  });

  it("ignores verified events that do not change indexed content", async () => {
    const { body, headers } = fake.webhook(TOKEN, { type: "file_upload.completed", entity: { id: "f1", type: "block" } });
    expect(await verifyNotionWebhook(body, headers, TOKEN)).toMatchObject({ ok: true, kind: "ignored" });
  });
});
