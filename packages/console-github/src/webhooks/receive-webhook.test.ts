import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { headersFor, payloads, SECRET, sign } from "./fixtures.test-helpers";
import { receiveWebhook } from "./receive-webhook";

const pushBody = JSON.stringify(payloads.push);

describe("webhook signature", () => {
  it("accepts a valid sha256 signature", async () => {
    const result = await receiveWebhook({ secret: SECRET, headers: headersFor("push", pushBody), rawBody: pushBody });
    expect(result.ok).toBe(true);
  });

  it("accepts the raw body as bytes and web Headers", async () => {
    const result = await receiveWebhook({ secret: SECRET, headers: new Headers(headersFor("push", pushBody)), rawBody: Buffer.from(pushBody) });
    expect(result.ok).toBe(true);
  });

  it.each<[string, Record<string, string>, string, string]>([
    ["a wrong secret", { "x-hub-signature-256": sign(pushBody, "not-the-secret") }, pushBody, "bad-signature"],
    ["a body changed by one byte", {}, pushBody.replace('"forced":true', '"forced":fals'), "bad-signature"],
    ["a sha1 value in the sha256 header", { "x-hub-signature-256": "sha1=0123456789abcdef0123456789abcdef01234567" }, pushBody, "unsupported-signature"],
  ])("rejects %s", async (_label, extra, body, code) => {
    const result = await receiveWebhook({ secret: SECRET, headers: { ...headersFor("push", pushBody), ...extra }, rawBody: body });
    expect(result).toMatchObject({ ok: false, code, status: 401 });
  });

  it("rejects a delivery signed with sha1 only", async () => {
    const { "x-hub-signature-256": _dropped, ...rest } = headersFor("push", pushBody);
    const sha1 = `sha1=${createHmac("sha1", SECRET).update(pushBody).digest("hex")}`;
    const result = await receiveWebhook({ secret: SECRET, headers: { ...rest, "x-hub-signature": sha1 }, rawBody: pushBody });
    expect(result).toMatchObject({ ok: false, code: "missing-signature", status: 401 });
  });

  it("rejects a missing signature header", async () => {
    const { "x-hub-signature-256": _dropped, ...headers } = headersFor("push", pushBody);
    expect(await receiveWebhook({ secret: SECRET, headers, rawBody: pushBody })).toMatchObject({ ok: false, code: "missing-signature" });
  });

  it("rejects a body changed by one byte anywhere", async () => {
    const headers = headersFor("push", pushBody);
    for (const index of [0, 17, Math.floor(pushBody.length / 2), pushBody.length - 1]) {
      const bytes = Buffer.from(pushBody);
      bytes[index] = bytes[index]! ^ 0x01;
      expect(await receiveWebhook({ secret: SECRET, headers, rawBody: bytes })).toMatchObject({ ok: false, status: 401 });
    }
  });

  it("does not leak the secret in rejections", async () => {
    const result = await receiveWebhook({ secret: SECRET, headers: headersFor("push", pushBody), rawBody: `${pushBody} ` });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
