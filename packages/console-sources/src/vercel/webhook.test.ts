import { signVercelWebhook, vercelWebhookBody } from "@repo/testing/vercel";
import { describe, expect, it } from "vitest";
import { verifyVercelWebhook } from "./webhook";

const SECRET = "whsec_vercel_test";

describe("verifyVercelWebhook", () => {
  it("turns a signed deployment event into a sync that re-reads that deployment", () => {
    const body = vercelWebhookBody("deployment.error", { deployment: { id: "dpl_1", url: "x.vercel.app" }, project: { id: "prj_1" } });
    expect(verifyVercelWebhook({ secret: SECRET, rawBody: body, headers: signVercelWebhook(SECRET, body) })).toEqual({
      ok: true,
      kind: "sync",
      scope: "prj_1",
      reason: "deployment.error",
      recheck: ["deployment:dpl_1"],
    });
    const removed = vercelWebhookBody("project.removed", { project: { id: "prj_2" } });
    expect(verifyVercelWebhook({ secret: SECRET, rawBody: removed, headers: signVercelWebhook(SECRET, removed) })).toMatchObject({
      ok: true,
      kind: "sync",
      scope: "prj_2",
    });
    const domain = vercelWebhookBody("domain.created", {});
    expect(verifyVercelWebhook({ secret: SECRET, rawBody: domain, headers: signVercelWebhook(SECRET, domain) })).toMatchObject({ ok: true, kind: "ignored" });
  });

  it("rejects forged, tampered and unsigned deliveries", () => {
    const body = vercelWebhookBody("deployment.succeeded", { deployment: { id: "dpl_1" }, project: { id: "prj_1" } });
    expect(verifyVercelWebhook({ secret: SECRET, rawBody: body, headers: signVercelWebhook("other", body) })).toEqual({
      ok: false,
      status: 401,
      message: "Vercel signature does not match",
    });
    expect(verifyVercelWebhook({ secret: SECRET, rawBody: body.replace("dpl_1", "dpl_2"), headers: signVercelWebhook(SECRET, body) })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(verifyVercelWebhook({ secret: SECRET, rawBody: body, headers: {} })).toMatchObject({ ok: false, status: 401 });
    // A SHA-256 signature (another provider's scheme) is not Vercel's.
    expect(verifyVercelWebhook({ secret: SECRET, rawBody: body, headers: { "x-vercel-signature": "a".repeat(64) } })).toMatchObject({ ok: false, status: 401 });
  });
});
