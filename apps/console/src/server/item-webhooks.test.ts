import { tableRows } from "@repo/console-db/testing";
import { connectedEvent, connectItemSource } from "@repo/console-inngest";
import { FakeLinear } from "@repo/testing/linear";
import { FakeNotion } from "@repo/testing/notion";
import { signSlackRequest, slackEventCallback } from "@repo/testing/slack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConsoleUnderTest } from "~/testing/console-under-test";

const SLACK_SECRET = "slack-signing-secret";
const LINEAR_SECRET = "linear-webhook-secret";
const LINEAR_KEY = "lin_api_route_test";
type Route = (request: Request) => Promise<Response>;

// The routes' handlers with real Requests, against the console's runtime on PGlite and an
// inngest-local server running its functions; Linear's API is the fake (a queued sync reads it).
describe("item-source webhook routes", () => {
  const linear = new FakeLinear({ tokens: [LINEAR_KEY] });
  let console_: Awaited<ReturnType<typeof startConsoleUnderTest>>;
  let slack: Route;
  let linearRoute: Route;
  let vercel: Route;
  let notionRoute: Route;
  let routeAt: (path: string) => Route;
  const now = () => Math.floor(Date.now() / 1000);
  const post = (route: Route, path: string, body: string, headers: Record<string, string>) =>
    route(new Request(`http://localhost:3000${path}`, { method: "POST", headers, body }));
  const signatureFailures = async () => (await tableRows(console_.runtime.database.db, "webhookSignatureFailures")).map((f) => f.reason);

  beforeAll(async () => {
    const apiUrl = await linear.start();
    linear.workspace.seed({ teamKey: "ENG", issues: 2, comments: 1, documents: 0 });
    console_ = await startConsoleUnderTest({
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      LINEAR_WEBHOOK_SECRET: LINEAR_SECRET,
      LINEAR_API_URL: apiUrl,
      TRIBUTARY_CREDENTIALS_KEY: "route-test-credentials-key",
    });
    // One dynamic route serves every provider at the path its declaration names; Next.js passes the segments.
    const { POST } = await import("~/app/api/[provider]/[endpoint]/route");
    routeAt = (path) => {
      const [provider = "", endpoint = ""] = path.split("/").slice(2);
      return (request) => POST(request, { params: Promise.resolve({ provider, endpoint }) });
    };
    slack = routeAt("/api/slack/events");
    linearRoute = routeAt("/api/linear/webhook");
    vercel = routeAt("/api/vercel/webhook");
    notionRoute = routeAt("/api/notion/webhook");
  }, 120_000);
  afterAll(async () => {
    await console_?.stop();
    await linear.stop();
  });

  it("serves each provider at its declared path only (the URLs services were given keep working)", async () => {
    for (const path of ["/api/linear/events", "/api/slack/webhook", "/api/jira/webhook", "/api/github/webhook"]) {
      const response = await post(routeAt(path), path, "{}", { "content-type": "application/json" });
      expect(response.status, path).toBe(404);
    }
    // A known path reaches its provider's verifier: unsigned, Linear's answers 401 (not 404).
    const response = await post(linearRoute, "/api/linear/webhook", "{}", { "content-type": "application/json" });
    expect(response.status).toBe(401);
  });

  it("answers Slack's URL-verification challenge", async () => {
    const body = JSON.stringify({ token: "legacy", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    const response = await post(slack, "/api/slack/events", body, signSlackRequest(SLACK_SECRET, body, now()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("rejects forged, tampered and stale Slack events with 401, records each, and queues nothing", async () => {
    const body = slackEventCallback({ type: "message", channel: "C0GENERAL", ts: "1790000000.000100", text: "hi" }, "EvForged1");
    const cases: Array<[string, string, Record<string, string>]> = [
      ["forged", body, signSlackRequest("not-the-secret", body, now())],
      ["tampered", body.replace("hi", "ho"), signSlackRequest(SLACK_SECRET, body, now())],
      ["stale", body, signSlackRequest(SLACK_SECRET, body, now() - 301)],
    ];
    const before = (await signatureFailures()).length;
    for (const [name, sent, headers] of cases) {
      const response = await post(slack, "/api/slack/events", sent, headers);
      expect(response.status, name).toBe(401);
      expect((await response.json()).outcome, name).toBe("rejected");
    }
    const failures = (await signatureFailures()).slice(before);
    expect(failures).toEqual([
      "slack: Slack signature does not match",
      "slack: Slack signature does not match",
      "slack: stale Slack request (older than 5 minutes): possible replay",
    ]);
    expect(console_.runsOf("item-webhook")).toHaveLength(0);
  });

  it("acks a signed Slack message event within 3 s", async () => {
    const body = slackEventCallback({ type: "message", channel: "C0GENERAL", ts: "1790000000.000100", text: "hi" }, "EvValid1");
    const started = Date.now();
    const response = await post(slack, "/api/slack/events", body, signSlackRequest(SLACK_SECRET, body, now()));
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    // No Slack source is connected: items.webhook runs and finds nothing to sync.
    const run = await console_.executor.local.waitForRun((r) => r.functionId.endsWith("-item-webhook") && r.status === "completed");
    expect(run.output).toEqual({ ignored: "no source follows slack C0GENERAL" });
  });

  it("queues an incremental sync of the matching source for a valid Linear webhook", async () => {
    const { runtime } = console_;
    const db = runtime.database.db;
    const store = await runtime.storeFor(runtime.workspaceId);
    // Connected as the Connect form does it: sealed token, then the connected event (first sync).
    const { source } = await connectItemSource(db, {
      workspaceId: runtime.workspaceId,
      storeId: store.id,
      target: "linear:ENG",
      token: LINEAR_KEY,
      credentialsKey: "route-test-credentials-key",
    });
    await runtime.inngest.send(connectedEvent(source, "test"));
    const finished = async (trigger: string) => {
      for (let i = 0; i < 900; i++) {
        const job = (await tableRows(db, "syncJobs", { where: { sourceId: source.id } })).find((j) => j.trigger === trigger);
        if (job && ["succeeded", "partial", "failed", "cancelled", "superseded"].includes(job.status)) return job;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no ${trigger} job finished`);
    };
    expect(await finished("connect")).toMatchObject({ status: "succeeded", error: null });

    const issue = [...linear.workspace.issues.values()][0]!;
    linear.workspace.editIssue(issue.id, { title: "Edited after connecting" });
    const delivery = linear.webhook(LINEAR_SECRET, { action: "update", type: "Issue", data: { id: issue.id, team: { key: "ENG" } } });
    const response = await post(linearRoute, "/api/linear/webhook", delivery.body, delivery.headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: "queued" });
    const run = await console_.executor.local.waitForRun(
      (r) => r.functionId.endsWith("-item-webhook") && r.status === "completed" && typeof r.output === "object" && r.output !== null && "requested" in r.output,
    );
    expect(run.output).toEqual({ requested: [source.id] });
    const requests = await tableRows(db, "syncRequests", { where: { sourceId: source.id, trigger: "webhook" } });
    expect(requests).toEqual([expect.objectContaining({ deliveryId: delivery.headers["linear-delivery"] })]);
    // source.sync takes the request and reads the fake Linear with the stored (sealed) key.
    const job = await finished("webhook");
    expect(job).toMatchObject({ status: "succeeded", filesFailed: 0, error: null });
    expect(job.requestsSource).toBeGreaterThan(0);
  }, 300_000);

  it("queues one sync for a delivery sent twice (the same delivery id): deduped per source", async () => {
    const db = console_.runtime.database.db;
    const [source] = await tableRows(db, "sources", { where: { provider: "linear", externalId: "ENG" } });
    if (!source) throw new Error("the Linear source of the previous test is missing");
    const webhookJobs = () => tableRows(db, "syncJobs", { where: { sourceId: source.id, trigger: "webhook" } });
    const jobsBefore = new Set((await webhookJobs()).map((j) => j.id));
    const completed = () => console_.runsOf("item-webhook").filter((r) => r.status === "completed");
    const runsBefore = completed().length;

    const issue = [...linear.workspace.issues.values()][1]!;
    linear.workspace.editIssue(issue.id, { title: "Edited once, delivered twice" });
    const delivery = linear.webhook(LINEAR_SECRET, { action: "update", type: "Issue", data: { id: issue.id, team: { key: "ENG" } } });
    for (let i = 0; i < 2; i++) {
      const response = await post(linearRoute, "/api/linear/webhook", delivery.body, delivery.headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ outcome: "queued" });
    }
    for (let i = 0; i < 600 && completed().length < runsBefore + 2; i++) await new Promise((r) => setTimeout(r, 100));
    const outputs = completed()
      .slice(runsBefore)
      .map((r) => r.output);
    expect(outputs).toHaveLength(2);
    expect(outputs).toEqual(expect.arrayContaining([{ requested: [source.id] }, { ignored: "delivery already queued" }]));
    const requests = await tableRows(db, "syncRequests", { where: { sourceId: source.id, deliveryId: delivery.headers["linear-delivery"]! } });
    expect(requests).toHaveLength(1);
    const done = ["succeeded", "partial", "failed", "cancelled", "superseded"];
    for (let i = 0; i < 900; i++) {
      const jobs = await webhookJobs();
      if (jobs.length > jobsBefore.size && jobs.every((j) => done.includes(j.status))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const jobs = await webhookJobs();
    const fresh = jobs.filter((j) => !jobsBefore.has(j.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ status: "succeeded", filesFailed: 0 });
  }, 300_000);

  it("refuses a tampered Linear webhook with 401", async () => {
    const delivery = linear.webhook(LINEAR_SECRET, { action: "update", type: "Issue", data: { id: "x", team: { key: "ENG" } } });
    const response = await post(linearRoute, "/api/linear/webhook", delivery.body.replace("update", "remove"), delivery.headers);
    expect(response.status).toBe(401);
  });

  it("answers Notion's one-time verification request before NOTION_VERIFICATION_TOKEN is set, and refuses events until it is", async () => {
    const notion = new FakeNotion();
    const verification = notion.verificationRequest("secret_notion_verification");
    const answered = await post(notionRoute, "/api/notion/webhook", verification.body, verification.headers);
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ outcome: "verification" });
    const event = notion.webhook("secret_notion_verification", {
      type: "page.content_updated",
      entity: { id: "0f0e0d0c-0b0a-0908-0706-050403020100", type: "page" },
    });
    const refused = await post(notionRoute, "/api/notion/webhook", event.body, event.headers);
    expect(refused.status).toBe(401);
    expect((await refused.json()).message).toMatch(/no Notion verification token is configured/);
  });

  it("answers 503 naming the variable when a route's secret is not configured", async () => {
    const response = await post(vercel, "/api/vercel/webhook", "{}", { "content-type": "application/json" });
    expect(response.status).toBe(503);
    expect((await response.json()).message).toMatch(/VERCEL_WEBHOOK_SECRET is not configured/);
  });
});
