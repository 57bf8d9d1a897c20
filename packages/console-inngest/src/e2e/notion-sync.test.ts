import { loadavg } from "node:os";
import { schema } from "@repo/console-db";
import { NotionConnector, verifyNotionWebhook } from "@repo/console-sources/notion";
import { FakeNotion } from "@repo/testing/notion";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemWebhookReceived } from "../events";
import { itemSourceSpec, requireItemTarget } from "../items/connect";
import { lexicalIds } from "../testing/ground-truth";
import { expectedItemVectorIds } from "../testing/item-ground-truth";
import { startProductionFakes, type ProductionFakes, type Services } from "../testing/production-fakes";

const TOKEN = "secret_notion_e2e";
const VERIFICATION = "notion-verification-token";
const HOUR = 3_600_000;

describe.each<Services>(["local+pgvector", "openai+pinecone"])("Notion source end to end with %s", (services) => {
  const notion = new FakeNotion({ tokens: [TOKEN] });
  let f: ProductionFakes;
  let sourceId: string;
  let baseUrl: string;
  let root: string;
  const oracle = () => new NotionConnector({ auth: TOKEN, baseUrl, roots: [root], scope: "roots", maxRetryDelayMs: 50 });
  const db = () => f.harness.database.db;
  const jobs = async () => db().select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(asc(schema.syncJobs.createdAt));
  const livePages = () => notion.workspace.livePages();
  const expectGroundTruth = async () => {
    const expected = await expectedItemVectorIds(oracle(), sourceId);
    expect(expected.externalIds).toEqual(
      livePages()
        .map((p) => p.id)
        .sort(),
    );
    expect(await f.vectorIds()).toEqual(expected.ids);
    expect(await lexicalIds(db(), sourceId)).toEqual(expected.ids);
  };
  const pages = () => livePages().filter((p) => p.parent.type === "page_id");

  beforeAll(async () => {
    baseUrl = await notion.start();
    notion.workspace.advance(-72 * HOUR);
    const seeded = notion.workspace.seed({ roots: 1, pages: 480, blocksPerPage: 4, databasePages: 20, spacingMs: 60_000 });
    root = seeded.roots[0]!.id;
    f = await startProductionFakes([], services, {
      quietSdk: true,
      runtime: { items: { tokens: { notion: TOKEN }, notion: { baseUrl, maxRetryDelayMs: 50 } } },
    });
    sourceId = await f.harness.connect(itemSourceSpec(requireItemTarget(`notion:${root}`)));
  }, 300_000);
  afterAll(async () => {
    await f?.close();
    await notion.stop();
  });

  it("indexes 500 pages with their blocks exactly (request budget printed)", async () => {
    const [job] = await jobs();
    expect(job).toMatchObject({ status: "succeeded", filesFailed: 0 });
    expect(job!.filesIndexed).toBe(livePages().length);
    await expectGroundTruth();
    console.log(
      `[budget] Notion full sync of ${job!.filesIndexed} pages (${services}): ${job!.requestsSource} Notion requests; load ${loadavg()[0]!.toFixed(2)}`,
    );
  }, 300_000);

  it("follows edits, new and trashed pages through a webhook-triggered incremental sync", async () => {
    const ws = notion.workspace;
    ws.advance(24 * HOUR);
    const [a, b, c, d, e] = pages();
    ws.editPage(a!.id, { title: "Renamed page" });
    ws.editPage(b!.id, { appendParagraph: "A new paragraph about retries" });
    ws.editPage(c!.id, { replaceBlocks: [ws.block("paragraph", "Rewritten entirely")] });
    ws.addPage({ type: "page_id", page_id: root }, "Brand new page", [ws.block("paragraph", "fresh words")]);
    ws.trashPage(d!.id);
    ws.trashPage(e!.id);
    const delivery = notion.webhook(VERIFICATION, { type: "page.content_updated", entity: { id: b!.id, type: "page" } });
    const verdict = await verifyNotionWebhook(delivery.body, delivery.headers, VERIFICATION);
    if (!verdict.ok || verdict.kind !== "sync") throw new Error(`webhook not accepted: ${JSON.stringify(verdict)}`);
    await f.harness.inngest.send(
      itemWebhookReceived.create({
        provider: "notion",
        scope: verdict.scope,
        reason: verdict.reason,
        ...(verdict.recheck ? { recheck: verdict.recheck } : {}),
      }),
    );
    await f.harness.local.runUntilIdle();

    const last = (await jobs()).at(-1)!;
    expect(last).toMatchObject({ trigger: "webhook", status: "succeeded", filesFailed: 0, filesDeleted: 2 });
    await expectGroundTruth();
    console.log(
      `[budget] Notion incremental sync after 4 edits/new + 2 trashed (${services}): ${last.requestsSource} Notion requests, ${last.filesIndexed} pages re-indexed; load ${loadavg()[0]!.toFixed(2)}`,
    );
  }, 300_000);

  it("a scheduled sync picks up an edit no webhook announced", async () => {
    f.harness.local.enableCrons();
    notion.workspace.advance(HOUR);
    notion.workspace.editPage(pages()[20]!.id, { appendParagraph: "edited while webhooks were down" });
    await f.harness.local.advanceTime(2 * HOUR);
    await f.harness.local.runUntilIdle();
    const last = (await jobs()).at(-1)!;
    expect(last).toMatchObject({ trigger: "schedule", status: "succeeded", filesFailed: 0 });
    await expectGroundTruth();
  }, 300_000);

  it("recovers from a storm of 429s with nothing lost or duplicated", async () => {
    notion.workspace.advance(HOUR);
    for (const page of pages().slice(30, 40)) notion.workspace.editPage(page.id, { appendParagraph: "storm edit" });
    notion.rateLimitStorm(8, 0);
    await f.harness.sync(sourceId);
    expect((await jobs()).at(-1)).toMatchObject({ status: "succeeded", filesFailed: 0 });
    await expectGroundTruth();
  }, 300_000);

  it("a revoked token fails the sync with a clear error and keeps the last good index", async () => {
    const before = await f.vectorIds();
    notion.workspace.advance(HOUR);
    notion.workspace.editPage(pages()[50]!.id, { title: "Edited after revocation" });
    notion.revokeToken(TOKEN);
    await f.harness.sync(sourceId);
    const last = (await jobs()).at(-1)!;
    expect(last.status).toBe("failed");
    expect(last.error).toMatch(/Notion/i);
    expect(last.error).not.toContain(TOKEN);
    expect(await f.vectorIds()).toEqual(before);
  }, 300_000);
});
