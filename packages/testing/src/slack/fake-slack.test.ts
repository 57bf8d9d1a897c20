import { afterEach, describe, expect, it } from "vitest";
import { FakeSlack } from "./fake-slack";
import { seedSlackWorkspace } from "./seed";

const TOKEN = "xoxb-1";
let fake: FakeSlack | undefined;
afterEach(() => fake?.stop());

async function call(
  method: string,
  args: Record<string, string>,
  token = TOKEN,
): Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown> }> {
  const res = await fetch(`${fake!.apiUrl}${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(args).toString(),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as Record<string, unknown> };
}

describe("FakeSlack", () => {
  it("caps page sizes as Slack documents them (999 history, 15 for non-Marketplace apps) and pages with next_cursor", async () => {
    fake = await FakeSlack.start({
      workspace: seedSlackWorkspace({ channels: 1, threadsPerChannel: 0, repliesPerThread: 0, loosePerChannel: 1200, days: 1 }),
      tokens: [TOKEN],
      enforceTiers: false,
    });
    const big = await call("conversations.history", { channel: "C00001", limit: "5000" });
    expect((big.body.messages as unknown[]).length).toBe(999);
    expect(big.body.has_more).toBe(true);
    const next = await call("conversations.history", {
      channel: "C00001",
      limit: "5000",
      cursor: (big.body.response_metadata as { next_cursor: string }).next_cursor,
    });
    expect((next.body.messages as unknown[]).length).toBe(201);
    fake.appKind = "non-marketplace";
    expect(((await call("conversations.history", { channel: "C00001", limit: "200" })).body.messages as unknown[]).length).toBe(15);
  });

  it("limits each method to its tier per minute with an integer Retry-After, and answers auth failures Slack's way", async () => {
    fake = await FakeSlack.start({
      workspace: seedSlackWorkspace({ channels: 1, threadsPerChannel: 1, repliesPerThread: 1, loosePerChannel: 1, days: 1 }),
      tokens: [TOKEN],
      appKind: "non-marketplace",
    });
    expect((await call("conversations.history", { channel: "C00001" })).status).toBe(200);
    const limited = await call("conversations.history", { channel: "C00001" });
    expect(limited).toMatchObject({ status: 429, body: { ok: false, error: "ratelimited" } });
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(59);
    expect((await call("users.list", {})).status).toBe(200);
    expect((await call("auth.test", {}, "xoxb-unknown")).body).toEqual({ ok: false, error: "invalid_auth" });
    fake.revoke(TOKEN);
    expect((await call("auth.test", {})).body).toEqual({ ok: false, error: "token_revoked" });
  });

  it("reads only channels the bot is in", async () => {
    fake = await FakeSlack.start({
      workspace: seedSlackWorkspace({ channels: 2, threadsPerChannel: 1, repliesPerThread: 1, loosePerChannel: 1, days: 1, foreignChannels: 1 }),
      tokens: [TOKEN],
    });
    const listed = await call("users.conversations", { types: "public_channel,private_channel" });
    expect((listed.body.channels as Array<{ id: string }>).map((c) => c.id)).toEqual(["C00001", "C00002"]);
    expect((await call("conversations.history", { channel: "CX0001" })).body).toEqual({ ok: false, error: "not_in_channel" });
  });
});
