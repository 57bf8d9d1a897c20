import { createHmac } from "node:crypto";
import { tableRows } from "@repo/console-db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startServer } from "@repo/inngest-local";
import { NextRequest } from "next/server";
import { alertsEvaluate } from "@repo/console-inngest";
import { FakeWebhookReceiver } from "@repo/testing/webhook-receiver";
import { startConsoleUnderTest } from "~/testing/console-under-test";

const SECRET = "webhook-secret";
const ALERT_SECRET = "alert-signing-secret";
const URL_ = "http://localhost:3000/api/github/webhooks";
const sign = (body: string, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const push = (after: string, pushedAt = 1_790_000_000) =>
  JSON.stringify({
    ref: "refs/heads/main",
    before: "a".repeat(40),
    after,
    created: false,
    deleted: false,
    forced: false,
    repository: { id: 42, full_name: "acme/widgets", name: "widgets", owner: { login: "acme" }, pushed_at: pushedAt },
    installation: { id: 7 },
    commits: [],
  });

describe("POST /api/github/webhooks", () => {
  let console_: Awaited<ReturnType<typeof startConsoleUnderTest>>;
  let POST: (request: Request) => Promise<Response>;
  let receiver: FakeWebhookReceiver;

  beforeAll(async () => {
    receiver = new FakeWebhookReceiver({ secret: ALERT_SECRET });
    const alertUrl = await receiver.start();
    console_ = await startConsoleUnderTest({
      GITHUB_WEBHOOK_SECRET: SECRET,
      TRIBUTARY_ALERT_WEBHOOK_URL: alertUrl,
      TRIBUTARY_ALERT_WEBHOOK_SECRET: ALERT_SECRET,
    });
    ({ POST } = await import("./route"));
  });
  afterAll(async () => {
    await console_?.stop();
    await receiver?.stop();
  });

  const deliver = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string>) =>
    POST(
      new Request(URL_, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
        ...(typeof body === "string" ? {} : { duplex: "half" }),
      }),
    );
  const signed = (event: string, id: string, body: string) => ({ "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": sign(body) });
  const recorded = async (id: string) => (await tableRows(console_.runtime.database.db, "webhookDeliveries", { where: { deliveryId: id } }))[0];
  // Every github.push event reaching inngest-local either starts a run or is dropped as a repeat
  // of a delivery id (the function's idempotency key), which the executor logs.
  const pushEventsDelivered = () => console_.runsOf("github-push").length + console_.log.filter((r) => r.outcome === "skipped-idempotent").length;

  it("answers 202 to a signed push, records the delivery and sends one github.push event", async () => {
    const body = push("b".repeat(40));
    const before = Date.now();
    const response = await deliver(body, signed("push", "d-1", body));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ outcome: "processed", deliveryId: "d-1" });
    const row = await recorded("d-1");
    expect(row).toMatchObject({ event: "push", action: "pushed", repositoryId: "42", repositoryFullName: "acme/widgets", outcome: "processed" });
    expect(row!.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const run = await console_.executor.local.waitForRun((r) => r.functionId.endsWith("-github-push") && r.status === "completed");
    expect(run.event.name).toBe("tributary/github.push");
    // No source follows acme/widgets here, so the function ends there: the event did arrive.
    expect(run.output).toEqual({ ignored: "no source follows acme/widgets@main" });
    expect(pushEventsDelivered()).toBe(1);
  });

  it("answers 200 to a repeated delivery id without a second event", async () => {
    const body = push("b".repeat(40));
    const response = await deliver(body, signed("push", "d-1", body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: "duplicate", deliveryId: "d-1" });
    // send() returns after inngest-local has routed the event, so a second one would count now.
    expect(pushEventsDelivered()).toBe(1);
  });

  it("rejects a bad or missing signature with 401: no delivery, only when, its id header and why", async () => {
    const body = push("c".repeat(40));
    const forged = [sign(body, "wrong-secret"), sign(`${body} `), "sha1=0123", ""];
    for (const signature of forged) {
      const response = await deliver(body, {
        "x-github-event": "push",
        "x-github-delivery": "d-forged",
        ...(signature ? { "x-hub-signature-256": signature } : {}),
      });
      expect(response.status).toBe(401);
    }
    expect(await recorded("d-forged")).toBeUndefined();
    expect(pushEventsDelivered()).toBe(1);
    // Counted for the signature-failure alert, without the unverified body (no column holds it).
    const failures = await tableRows(console_.runtime.database.db, "webhookSignatureFailures");
    expect(failures).toHaveLength(forged.length);
    expect(failures.every((f) => f.deliveryId === "d-forged" && f.reason.length > 0 && !f.reason.includes("widgets"))).toBe(true);
    expect(Object.keys(failures[0]!).sort()).toEqual(["deliveryId", "id", "reason", "receivedAt"]);
  });

  it("a fifth forged delivery within 10 minutes: monitoring.alert sends one workspace-wide alert, not repeated", async () => {
    const body = push("c".repeat(40));
    const evaluate = async () => {
      const finished = () => console_.runsOf("monitoring-alert").filter((r) => r.status === "completed").length;
      const before = finished();
      await console_.runtime.inngest.send(alertsEvaluate.create({ sourceId: null }));
      await vi.waitFor(() => expect(finished()).toBe(before + 1), { timeout: 30_000, interval: 50 });
    };
    // Four so far (the test above): below the threshold of 5.
    await evaluate();
    expect(receiver.received).toEqual([]);
    expect(
      (await deliver(body, { "x-github-event": "push", "x-github-delivery": "d-forged-5", "x-hub-signature-256": sign(body, "wrong-secret") })).status,
    ).toBe(401);
    await evaluate();
    expect(receiver.received.map((n) => [n.json.alert, n.validSignature])).toEqual([
      [expect.objectContaining({ kind: "webhook-signature-failures", state: "open", sourceId: null }), true],
    ]);
    await evaluate();
    expect(receiver.received).toHaveLength(1);
  });

  it("answers 400 to signed malformed JSON and records the delivery as failed", async () => {
    const body = '{"ref": "refs/heads/main",';
    const response = await deliver(body, signed("push", "d-json", body));
    expect(response.status).toBe(400);
    expect(await recorded("d-json")).toMatchObject({ event: "push", outcome: "failed" });
    expect(pushEventsDelivered()).toBe(1);
  });

  it("answers 400 when the GitHub headers are missing or malformed", async () => {
    const body = push("d".repeat(40));
    const missing = await deliver(body, { "x-hub-signature-256": sign(body) });
    expect(missing.status).toBe(400);
    const badEvent = await deliver(body, { "x-github-event": "push; drop", "x-github-delivery": "d-hdr", "x-hub-signature-256": sign(body) });
    expect(badEvent.status).toBe(400);
    expect(await recorded("d-hdr")).toBeUndefined();
  });

  it("answers 202 with outcome ignored for events Tributary does not handle", async () => {
    const ping = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const response = await deliver(ping, signed("ping", "d-ping", ping));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ outcome: "ignored", deliveryId: "d-ping" });
    expect(await recorded("d-ping")).toMatchObject({ event: "ping", outcome: "ignored" });
    const tag = JSON.stringify({ ...JSON.parse(push("e".repeat(40))), ref: "refs/tags/v1" });
    expect((await deliver(tag, signed("issues", "d-issues", tag))).status).toBe(202);
    expect(await recorded("d-issues")).toMatchObject({ event: "issues", outcome: "ignored" });
    expect(pushEventsDelivered()).toBe(1);
  });

  it("refuses bodies over GitHub's 25 MB cap with 413, by header or while streaming", async () => {
    const big = "x".repeat(25 * 1024 * 1024 + 1);
    const declared = await deliver(big, signed("push", "d-big", big));
    expect(declared.status).toBe(413);
    const chunk = new Uint8Array(1024 * 1024).fill(120);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await deliver(stream, { "x-github-event": "push", "x-github-delivery": "d-stream", "x-hub-signature-256": sign("") });
    expect(streamed.status).toBe(413);
    // Reading stopped at the cap instead of draining all 40 MiB.
    expect(sent).toBeLessThan(30);
    expect(await recorded("d-big")).toBeUndefined();
  });

  it("records a replay of a processed push under a new delivery id as a duplicate, and no event", async () => {
    const body = push("b".repeat(40));
    const response = await deliver(body, signed("push", "d-replayed", body));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "duplicate", deliveryId: "d-replayed", message: expect.stringContaining("replay of delivery d-1") });
    expect(await recorded("d-replayed")).toMatchObject({ outcome: "duplicate" });
    expect(pushEventsDelivered()).toBe(1);
  });

  it("processes the same before/after pushed again later (a new push, not a replay)", async () => {
    const body = push("b".repeat(40), 1_790_000_999);
    const response = await deliver(body, signed("push", "d-again", body));
    expect(response.status).toBe(202);
    await vi.waitFor(() => expect(console_.runsOf("github-push").filter((r) => r.status === "completed")).toHaveLength(2), { timeout: 30_000 });
    expect(pushEventsDelivered()).toBe(2);
  });

  it("answers 503 when the event cannot be sent, and processes GitHub's redelivery once Inngest is back", async () => {
    const port = new URL(console_.executor.url).port;
    await console_.executor.stop();
    const body = push("9".repeat(40));
    const failed = await deliver(body, signed("push", "d-outage", body));
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("30");
    expect(await failed.json()).toMatchObject({ outcome: "failed", message: expect.stringContaining("could not hand the delivery to Inngest") });
    expect(await recorded("d-outage")).toMatchObject({ outcome: "failed" });

    // Inngest is back on the same address; GitHub's "Redeliver" sends the same id and body.
    const executor = await startServer({ port: Number(port), appUrls: [] });
    try {
      await executor.local.register({
        url: "http://console.test/api/inngest",
        handler: (request) => console_.inngestRoute[request.method as "GET" | "POST" | "PUT"](new NextRequest(request), {}),
      });
      const redelivered = await deliver(body, signed("push", "d-outage", body));
      expect(redelivered.status).toBe(202);
      expect(await recorded("d-outage")).toMatchObject({ outcome: "processed" });
      // The redelivered push reached Inngest: one github.push run, on the executor that is back.
      const run = await executor.local.waitForRun((r) => r.functionId.endsWith("-github-push") && r.status === "completed");
      expect(run.event.name).toBe("tributary/github.push");
      expect(executor.local.runs().filter((r) => r.functionId.endsWith("-github-push"))).toHaveLength(1);
    } finally {
      await executor.stop();
    }
  });

  it("answers 503 when no webhook secret is configured", async () => {
    const saved = process.env.GITHUB_WEBHOOK_SECRET;
    delete process.env.GITHUB_WEBHOOK_SECRET;
    vi.resetModules();
    try {
      const { POST: unconfigured } = await import("./route");
      const body = push("f".repeat(40));
      const response = await unconfigured(new Request(URL_, { method: "POST", headers: signed("push", "d-nosecret", body), body }));
      expect(response.status).toBe(503);
      expect(await recorded("d-nosecret")).toBeUndefined();
    } finally {
      process.env.GITHUB_WEBHOOK_SECRET = saved;
    }
  });

  it("answers 503 with Retry-After, sending nothing, when the database is down", async () => {
    await console_.runtime.database.close();
    const body = push("8".repeat(40));
    const response = await deliver(body, signed("push", "d-nodb", body));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.json()).toMatchObject({ outcome: "failed", message: expect.stringContaining("database unavailable") });
  });
});
