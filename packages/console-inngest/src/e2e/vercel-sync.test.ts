import { loadavg } from "node:os";
import { schema } from "@repo/console-db";
import { VercelConnector, verifyVercelWebhook } from "@repo/console-sources/vercel";
import { FakeVercel, SEEDED_LOG_SECRETS, seedVercelTeam, signVercelWebhook, vercelGroundTruth, vercelWebhookBody } from "@repo/testing/vercel";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanupRequested, itemWebhookReceived } from "../events";
import { itemSourceSpec, requireItemTarget } from "../items/connect";
import { lexicalIds } from "../testing/ground-truth";
import { expectedItemVectorIds } from "../testing/item-ground-truth";
import { startProductionFakes, type ProductionFakes, type Services } from "../testing/production-fakes";

const TOKEN = "vercel-e2e-token";
const SECRET = "vercel-webhook-secret";
const HOUR = 3_600_000;

describe.each<Services>(["local+pgvector", "openai+pinecone"])("Vercel source end to end with %s", (services) => {
  let vercel: FakeVercel;
  let f: ProductionFakes;
  let sourceId: string;
  const oracle = () => new VercelConnector({ token: TOKEN, baseUrl: vercel.url, teamId: vercel.team.teamId });
  const db = () => f.harness.database.db;
  const jobs = async () => db().select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(asc(schema.syncJobs.createdAt));
  const expectGroundTruth = async () => {
    const expected = await expectedItemVectorIds(oracle(), sourceId);
    expect(expected.externalIds).toEqual([...vercelGroundTruth(vercel.team).keys()].sort());
    expect(await f.vectorIds()).toEqual(expected.ids);
    expect(await lexicalIds(db(), sourceId)).toEqual(expected.ids);
  };
  const webhook = async (type: string, payload: Record<string, unknown>) => {
    const rawBody = vercelWebhookBody(type, payload);
    const verdict = verifyVercelWebhook({ secret: SECRET, rawBody, headers: signVercelWebhook(SECRET, rawBody) });
    if (!verdict.ok || verdict.kind !== "sync") throw new Error(`webhook not accepted: ${JSON.stringify(verdict)}`);
    await f.harness.inngest.send(
      itemWebhookReceived.create({
        provider: "vercel",
        scope: verdict.scope,
        reason: verdict.reason,
        ...(verdict.recheck ? { recheck: verdict.recheck } : {}),
      }),
    );
    await f.harness.local.runUntilIdle();
  };

  beforeAll(async () => {
    // 8 projects × 26 deployments, every 10th failed with a build log that prints tokens: 208 deployments, 20+ failed.
    vercel = await FakeVercel.start({ team: seedVercelTeam({ projects: 8, deploymentsPerProject: 26, failEvery: 10 }), tokens: [TOKEN] });
    f = await startProductionFakes([], services, {
      quietSdk: true,
      runtime: { items: { tokens: { vercel: TOKEN }, vercel: { baseUrl: vercel.url, teamId: vercel.team.teamId, backoffMs: 5, maxWaitMs: 2_000 } } },
    });
    sourceId = await f.harness.connect(itemSourceSpec(requireItemTarget("vercel:team")));
  }, 300_000);
  afterAll(async () => {
    await f?.close();
    await vercel?.stop();
  });

  it("indexes every project and deployment exactly; no seeded secret reaches chunks, embedding requests or vector metadata", async () => {
    const truth = vercelGroundTruth(vercel.team);
    expect([...truth.values()].filter((d) => d.state !== undefined).length).toBeGreaterThanOrEqual(200);
    expect([...truth.values()].filter((d) => d.hasLog).length).toBeGreaterThanOrEqual(20);
    const [job] = await jobs();
    expect(job).toMatchObject({ status: "succeeded", filesFailed: 0, filesIndexed: truth.size });
    await expectGroundTruth();
    const texts = await db().select({ text: schema.lexicalChunks.content }).from(schema.lexicalChunks).where(eq(schema.lexicalChunks.sourceId, sourceId));
    expect(texts.some((t) => t.text.includes("[REDACTED"))).toBe(true);
    const everything = [
      ...texts.map((t) => t.text),
      ...f.openai.calls.flatMap((c) => c.inputs),
      ...[...(f.pinecone.indexes.get("tributary-1536")?.namespace("production").values() ?? [])].map((v) => JSON.stringify(v)),
    ].join("\n");
    for (const secret of SEEDED_LOG_SECRETS) expect(everything).not.toContain(secret);
    console.log(`[budget] Vercel full sync of ${truth.size} documents (${services}): ${job!.requestsSource} Vercel requests; load ${loadavg()[0]!.toFixed(2)}`);
  }, 300_000);

  it("follows a new failed deployment, a deleted one and a removed project through webhooks, then a schedule", async () => {
    const team = vercel.team;
    const [p1, p2] = [...team.projects.keys()];
    const failed = team.deploy(p1!, { message: "breaks the build", state: "BUILDING" });
    team.finish(failed.uid, "ERROR", ["Error: API_KEY=sk_live_abcdefghijklmnopqrstuvwx leaked"]);
    await webhook("deployment.error", { deployment: { id: failed.uid }, project: { id: p1 } });
    const gone = [...team.deployments.values()].find((d) => d.projectId === p1 && d.uid !== failed.uid)!;
    team.deleteDeployment(gone.uid);
    await webhook("deployment.deleted", { deployment: { id: gone.uid }, project: { id: p1 } });
    expect((await jobs()).at(-1)).toMatchObject({ trigger: "webhook", status: "succeeded", filesFailed: 0 });
    await expectGroundTruth();
    // A removed project takes its deployments with it, but the connector's listing only names the
    // project: cleanup.stale (listLiveIds) removes the deployments it no longer lists.
    team.removeProject(p2!);
    await webhook("project.removed", { project: { id: p2 } });
    await f.harness.inngest.send(cleanupRequested.create({ sourceId, actor: "test" }));
    await f.harness.local.runUntilIdle();
    await expectGroundTruth();

    f.harness.local.enableCrons();
    team.deploy(p1!, { message: "deployed while webhooks were down", state: "READY" });
    await f.harness.local.advanceTime(2 * HOUR);
    await f.harness.local.runUntilIdle();
    expect((await jobs()).at(-1)).toMatchObject({ trigger: "schedule", status: "succeeded", filesFailed: 0 });
    await expectGroundTruth();
  }, 300_000);

  it("recovers from a rate-limit storm, and a revoked token keeps the last good index", async () => {
    vercel.team.deploy([...vercel.team.projects.keys()][0]!, { message: "during the storm", state: "READY" });
    vercel.rateLimitStorm(5, 50);
    await f.harness.sync(sourceId);
    expect((await jobs()).at(-1)).toMatchObject({ status: "succeeded", filesFailed: 0 });
    await expectGroundTruth();

    const before = await f.vectorIds();
    vercel.team.deploy([...vercel.team.projects.keys()][0]!, { message: "after revocation", state: "READY" });
    vercel.revoke(TOKEN);
    await f.harness.sync(sourceId);
    const last = (await jobs()).at(-1)!;
    expect(last.status).toBe("failed");
    expect(last.error).toMatch(/Vercel/i);
    expect(last.error).not.toContain(TOKEN);
    expect(await f.vectorIds()).toEqual(before);
  }, 300_000);
});
