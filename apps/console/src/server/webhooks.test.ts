import { createHmac } from "node:crypto";
import { createDb, migrate, schema, type Database } from "@repo/console-db";
import { createInngestClient } from "@repo/console-inngest";
import { FakeHttpServer } from "@repo/testing/http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleWebhook } from "./webhooks";

const SECRET = "webhook-secret";
const sign = (body: string, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const pushBody = JSON.stringify({
  ref: "refs/heads/main",
  before: "a".repeat(40),
  after: "b".repeat(40),
  created: false,
  deleted: false,
  forced: false,
  repository: { id: 42, full_name: "acme/widgets", name: "widgets", owner: { login: "acme" } },
  installation: { id: 7 },
  commits: [],
});

describe("the GitHub webhook route", () => {
  let database: Database;
  const events: Array<{ name: string; data: Record<string, unknown> }> = [];
  const inngestServer = new FakeHttpServer();

  beforeAll(async () => {
    database = await createDb({ memory: true });
    await migrate(database.db);
    inngestServer.route("POST", "/e/:key", (req) => {
      const sent = req.json<Array<{ name: string; data: Record<string, unknown> }>>();
      events.push(...sent);
      return { status: 200, body: { ids: sent.map((_, i) => `evt_${events.length + i}`), status: 200 } };
    });
    await inngestServer.start();
  });
  afterAll(async () => {
    await database?.close();
    await inngestServer.stop();
  });

  const deliver = (body: string, headers: Record<string, string>) =>
    handleWebhook({
      db: database.db,
      inngest: createInngestClient({ isDev: true, baseUrl: inngestServer.url }),
      secret: SECRET,
      headers: new Headers(headers),
      rawBody: new TextEncoder().encode(body),
    });
  const delivery = async (id: string) => (await database.db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.deliveryId, id)))[0];

  it("answers 202 for a signed push, records it and sends one Inngest event", async () => {
    const reply = await deliver(pushBody, { "x-github-event": "push", "x-github-delivery": "d-1", "x-hub-signature-256": sign(pushBody) });
    expect(reply).toEqual({ status: 202, body: { outcome: "processed", deliveryId: "d-1" } });
    expect(events).toEqual([expect.objectContaining({ name: "tributary/github.push", data: expect.objectContaining({ deliveryId: "d-1", repositoryId: 42, ref: "refs/heads/main", after: "b".repeat(40) }) })]);
    expect(await delivery("d-1")).toMatchObject({ event: "push", action: "pushed", repositoryId: "42", repositoryFullName: "acme/widgets", outcome: "processed" });
  });

  it("answers 200 to a repeated delivery id without a second event", async () => {
    const reply = await deliver(pushBody, { "x-github-event": "push", "x-github-delivery": "d-1", "x-hub-signature-256": sign(pushBody) });
    expect(reply).toEqual({ status: 200, body: { outcome: "duplicate", deliveryId: "d-1" } });
    expect(events).toHaveLength(1);
  });

  it("rejects a bad signature with 401 before reading the body, recording nothing", async () => {
    for (const signature of [sign(pushBody, "wrong"), sign(`${pushBody} `), "sha1=abc"]) {
      const reply = await deliver(pushBody, { "x-github-event": "push", "x-github-delivery": "d-bad", "x-hub-signature-256": signature });
      expect(reply.status).toBe(401);
    }
    expect(await delivery("d-bad")).toBeUndefined();
    expect(events).toHaveLength(1);
  });

  it("answers 400 to malformed JSON and records the failure", async () => {
    const body = "{not json";
    const reply = await deliver(body, { "x-github-event": "push", "x-github-delivery": "d-json", "x-hub-signature-256": sign(body) });
    expect(reply.status).toBe(400);
    expect(await delivery("d-json")).toMatchObject({ outcome: "failed" });
  });

  it("answers 400 when the delivery headers are missing", async () => {
    const reply = await deliver(pushBody, { "x-hub-signature-256": sign(pushBody) });
    expect(reply.status).toBe(400);
  });

  it("answers 202 with outcome ignored for an event Tributary does not handle", async () => {
    const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const reply = await deliver(body, { "x-github-event": "ping", "x-github-delivery": "d-ping", "x-hub-signature-256": sign(body) });
    expect(reply).toMatchObject({ status: 202, body: { outcome: "ignored", deliveryId: "d-ping" } });
    expect(await delivery("d-ping")).toMatchObject({ event: "ping", outcome: "ignored" });
    expect(events).toHaveLength(1);
  });
});
