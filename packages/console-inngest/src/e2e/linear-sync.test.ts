import { loadavg } from "node:os";
import { schema } from "@repo/console-db";
import { LinearConnector, verifyLinearWebhook } from "@repo/console-sources/linear";
import { FakeLinear } from "@repo/testing/linear";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemWebhookReceived } from "../events";
import { itemSourceSpec, requireItemTarget } from "../items/connect";
import { searchIndex } from "../runtime/search";
import { loadStore } from "../sync/catalog";
import { lexicalIds } from "../testing/ground-truth";
import { expectedItemVectorIds } from "../testing/item-ground-truth";
import { startProductionFakes, type ProductionFakes, type Services } from "../testing/production-fakes";

const KEY = "lin_api_e2e";
const WEBHOOK_SECRET = "lin_wh_secret";
const HOUR = 3_600_000;

describe.each<Services>(["local+pgvector", "openai+pinecone"])("Linear source end to end with %s", (services) => {
  const linear = new FakeLinear({ tokens: [KEY] });
  let f: ProductionFakes;
  let sourceId: string;
  let apiUrl: string;
  const oracle = () => new LinearConnector({ apiKey: KEY, apiUrl, teamKey: "ENG" });
  const db = () => f.harness.database.db;
  const jobs = async () => db().select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(asc(schema.syncJobs.createdAt));
  /** The fake's own records: every issue and project document of ENG that is neither archived nor trashed. */
  const liveIdsInFake = () => {
    const ws = linear.workspace;
    const team = [...ws.teams.values()].find((t) => t.key === "ENG")!;
    const issues = [...ws.issues.values()].filter((i) => i.teamId === team.id && i.archivedAt === null).map((i) => i.id);
    const docs = [...ws.documents.values()].filter((d) => ws.projects.get(d.projectId)!.teamIds.includes(team.id) && d.archivedAt === null).map((d) => d.id);
    return [...issues, ...docs].sort();
  };
  const expectGroundTruth = async () => {
    const expected = await expectedItemVectorIds(oracle(), sourceId);
    expect(expected.externalIds).toEqual(liveIdsInFake());
    expect(await f.vectorIds()).toEqual(expected.ids);
    expect(await lexicalIds(db(), sourceId)).toEqual(expected.ids);
    const stored = await db()
      .select({ externalId: schema.documents.externalId, outcome: schema.documents.outcome })
      .from(schema.documents)
      .where(eq(schema.documents.sourceId, sourceId));
    expect(
      stored
        .filter((d) => d.outcome === "indexed")
        .map((d) => d.externalId)
        .sort(),
    ).toEqual(expected.externalIds);
  };
  const engIssues = () => [...linear.workspace.issues.values()].filter((i) => linear.workspace.identifier(i).startsWith("ENG-") && i.archivedAt === null);

  beforeAll(async () => {
    apiUrl = await linear.start();
    linear.workspace.advance(-72 * HOUR);
    linear.workspace.seed({ teamKey: "ENG", issues: 500, comments: (i) => (i % 50 === 0 ? 260 : 2), documents: 6, spacingMs: 60_000 });
    linear.workspace.seed({ teamKey: "OPS", issues: 3, comments: 1, documents: 1, spacingMs: 60_000 });
    f = await startProductionFakes([], services, {
      quietSdk: true,
      // cleanup.stale's daily reconcile of every source (03:17 UTC by default) reads the team too:
      // the schedule test's 2-hour windows start at the real time, so the job runs 12 hours away.
      functions: { cleanupCron: `17 ${(new Date().getUTCHours() + 12) % 24} * * *` },
      runtime: { items: { tokens: { linear: KEY }, linear: { apiUrl, maxRateLimitWaitMs: 2_000 } } },
    });
    sourceId = await f.harness.connect(itemSourceSpec(requireItemTarget("linear:ENG")));
  }, 300_000);
  afterAll(async () => {
    await f?.close();
    await linear.stop();
  });

  it("indexes a 500-issue team with every comment exactly (request budget printed)", async () => {
    const [job] = await jobs();
    expect(job).toMatchObject({ status: "succeeded", filesFailed: 0, trigger: "connect" });
    expect(job!.filesIndexed).toBe(liveIdsInFake().length);
    expect(job!.requestsSource).toBeGreaterThan(0);
    await expectGroundTruth();
    const [source] = await db().select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(source!.syncedPosition).toBe((await oracle().currentPosition()).value);
    console.log(
      `[budget] Linear full sync of ${job!.filesIndexed} items (${services}): ${job!.requestsSource} Linear requests; load ${loadavg()[0]!.toFixed(2)}`,
    );
  }, 300_000);

  it("follows edits, new, archived and trashed items through a webhook-triggered incremental sync", async () => {
    const ws = linear.workspace;
    ws.advance(24 * HOUR);
    const eng = engIssues();
    ws.editIssue(eng[1]!.id, { title: "Renamed issue" });
    ws.addComment(eng[2]!.id, "A late comment about retries", "Grace");
    ws.deleteComment(ws.commentsOf(eng[5]!.id)[0]!.id);
    ws.addIssue(eng[0]!.teamId, { title: "Brand new issue", description: "fresh text" });
    ws.archiveIssue(eng[3]!.id);
    ws.trashIssue(eng[4]!.id);
    ws.editDocument([...ws.documents.values()][0]!.id, "# Changed doc\n\nnew words");

    const delivery = linear.webhook(WEBHOOK_SECRET, { action: "update", type: "Issue", data: { id: eng[1]!.id, team: { key: "ENG" } } });
    const verdict = verifyLinearWebhook(delivery.body, delivery.headers, WEBHOOK_SECRET);
    if (!verdict.ok || verdict.kind !== "sync") throw new Error(`webhook not accepted: ${JSON.stringify(verdict)}`);
    await f.harness.inngest.send(
      itemWebhookReceived.create({
        provider: "linear",
        scope: verdict.scope,
        reason: verdict.reason,
        deliveryId: delivery.headers["linear-delivery"]!,
        ...(verdict.recheck ? { recheck: verdict.recheck } : {}),
      }),
    );
    await f.harness.local.runUntilIdle();

    const last = (await jobs()).at(-1)!;
    expect(last).toMatchObject({ trigger: "webhook", status: "succeeded", filesFailed: 0 });
    // Only what changed was read again: 5 upserts (edit, comment, deleted comment, new, document), 2 deletes.
    expect(last.filesIndexed).toBe(5);
    expect(last.filesDeleted).toBe(2);
    await expectGroundTruth();
    // Search finds the new issue and links to it in Linear.
    const store = await loadStore(db(), f.harness.storeId);
    // Asked of the lexical side: on the fakes' path the dense side ranks by meaningless vectors, and
    // fusion let a chunk both sides found in their top ~60 pass the lexical side's best (out of the
    // first 3 in 2 of 5 runs on main). The lexical side's ranking of the new text is deterministic.
    const hits = await searchIndex(f.harness.deps, store, "Brand new issue fresh text", { mode: "lexical" });
    const created = [...ws.issues.values()].find((i) => i.title === "Brand new issue")!;
    const hit = hits.slice(0, 3).find((h) => h.path === `issues/${ws.identifier(created)}.md`);
    expect(hit).toMatchObject({ path: `issues/${ws.identifier(created)}.md` });
    expect(hit!.url).toContain(ws.identifier(created));
    console.log(
      `[budget] Linear incremental sync after 5 edits + 2 removals (${services}): ${last.requestsSource} Linear requests; load ${loadavg()[0]!.toFixed(2)}`,
    );
  }, 300_000);

  it("a scheduled sync finds an edit no webhook announced; an unchanged team costs one request and no job", async () => {
    const before = (await jobs()).length;
    f.harness.local.enableCrons();
    const requestsBefore = linear.requestCount;
    await f.harness.local.advanceTime(2 * HOUR);
    await f.harness.local.runUntilIdle();
    // Nothing changed in Linear: the schedule looked (one position request per tick) and queued nothing.
    expect((await jobs()).length).toBe(before);
    expect(linear.requestCount - requestsBefore).toBeGreaterThanOrEqual(1);
    expect(linear.requestCount - requestsBefore).toBeLessThanOrEqual(2);

    linear.workspace.advance(HOUR);
    linear.workspace.editIssue(engIssues()[7]!.id, { description: "edited while the webhook was down" });
    await f.harness.local.advanceTime(2 * HOUR);
    await f.harness.local.runUntilIdle();
    const last = (await jobs()).at(-1)!;
    expect(last).toMatchObject({ trigger: "schedule", status: "succeeded", filesIndexed: 1 });
    await expectGroundTruth();
  }, 300_000);

  it("recovers from a rate-limit storm with nothing lost or duplicated", async () => {
    linear.workspace.advance(HOUR);
    for (const issue of engIssues().slice(10, 20)) linear.workspace.editIssue(issue.id, { title: `${issue.title} (storm)` });
    linear.rateLimitStorm(6, 20);
    await f.harness.sync(sourceId);
    const last = (await jobs()).at(-1)!;
    expect(last).toMatchObject({ status: "succeeded", filesIndexed: 10, filesFailed: 0 });
    await expectGroundTruth();
  }, 300_000);

  it("a revoked token fails the sync with a clear error and keeps the last good index", async () => {
    const before = await f.vectorIds();
    const [sourceBefore] = await db().select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    linear.workspace.advance(HOUR);
    linear.workspace.editIssue(engIssues()[30]!.id, { title: "Edited after the key was revoked" });
    linear.revokeToken(KEY);
    await f.harness.sync(sourceId);
    const last = (await jobs()).at(-1)!;
    expect(last.status).toBe("failed");
    expect(last.error).toMatch(/Linear/i);
    expect(last.error).not.toContain(KEY);
    expect(await f.vectorIds()).toEqual(before);
    const [sourceAfter] = await db().select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(sourceAfter!.syncedPosition).toBe(sourceBefore!.syncedPosition);
    expect(sourceAfter!.lastError).toBe(last.error);
  }, 300_000);
});
