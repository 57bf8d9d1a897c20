import { describe, expect, it } from "vitest";
import { headersFor, payloads, SECRET } from "./fixtures.test-helpers";
import { receiveWebhook } from "./receive-webhook";

async function receive(event: string, payload: unknown) {
  const body = JSON.stringify(payload);
  return receiveWebhook({ secret: SECRET, headers: headersFor(event, body), rawBody: body });
}

describe("webhook payloads", () => {
  it("turns a push into a small event and never copies its file lists", async () => {
    const result = await receive("push", payloads.push);
    expect(result).toEqual({
      ok: true,
      event: {
        kind: "push",
        deliveryId: "72d3162e-cc78-11e3-81ab-4c9367dc0958",
        installationId: 42,
        repository: { id: 1296269, fullName: "acme/widgets" },
        branch: "main",
        before: "a".repeat(40),
        after: "b".repeat(40),
        created: false,
        deleted: false,
        forced: true,
        pushedAt: 1_700_000_000,
      },
    });
    expect(JSON.stringify(result)).not.toContain("ignored.ts");
  });

  it("keeps branch deletions and creations, and ignores tag pushes", async () => {
    const deleted = await receive("push", { ...payloads.push, deleted: true, after: "0".repeat(40) });
    expect(deleted).toMatchObject({ ok: true, event: { kind: "push", deleted: true } });
    const tag = await receive("push", { ...payloads.push, ref: "refs/tags/v1.0.0" });
    expect(tag).toMatchObject({ ok: true, event: { kind: "ignored", eventName: "push" } });
  });

  it.each(["created", "deleted", "suspend", "unsuspend"])("parses installation %s", async (action) => {
    const result = await receive("installation", { ...payloads.installation, action });
    expect(result).toMatchObject({ ok: true, event: { kind: "installation", action, installationId: 42, account: { id: 7, login: "acme" } } });
  });

  it("parses installation_repositories added and removed", async () => {
    expect(await receive("installation_repositories", payloads.installation_repositories)).toMatchObject({
      ok: true,
      event: { kind: "installation_repositories", action: "removed", removed: [{ id: 1296269, fullName: "acme/widgets" }] },
    });
    const added = { ...payloads.installation_repositories, action: "added", repositories_added: [{ id: 5, full_name: "acme/x" }], repositories_removed: [] };
    expect(await receive("installation_repositories", added)).toMatchObject({ ok: true, event: { action: "added", added: [{ id: 5, fullName: "acme/x" }] } });
  });

  it("parses repository renamed, deleted and transferred", async () => {
    expect(await receive("repository", payloads.repository)).toMatchObject({
      ok: true,
      event: { kind: "repository", action: "renamed", previous: "gadgets", repository: { id: 1296269 } },
    });
    expect(await receive("repository", { ...payloads.repository, action: "deleted", changes: undefined })).toMatchObject({
      ok: true,
      event: { action: "deleted", previous: null },
    });
    const transferred = { ...payloads.repository, action: "transferred", changes: { owner: { from: { user: { login: "old-owner" } } } } };
    expect(await receive("repository", transferred)).toMatchObject({ ok: true, event: { action: "transferred", previous: "old-owner" } });
  });

  it("ignores events and actions Tributary has no use for", async () => {
    expect(await receive("ping", { zen: "Keep it logically awesome." })).toMatchObject({ ok: true, event: { kind: "ignored", eventName: "ping" } });
    expect(await receive("repository", { ...payloads.repository, action: "archived" })).toMatchObject({ ok: true, event: { kind: "ignored" } });
  });

  it("requires the event and delivery headers", async () => {
    const body = JSON.stringify(payloads.push);
    const { "x-github-delivery": _dropped, ...headers } = headersFor("push", body);
    expect(await receiveWebhook({ secret: SECRET, headers, rawBody: body })).toMatchObject({ ok: false, code: "missing-headers", status: 400 });
  });
});
