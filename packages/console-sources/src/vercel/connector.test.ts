import { loadavg } from "node:os";
import { FakeVercel, SEEDED_LOG_SECRETS, seedVercelTeam, vercelGroundTruth } from "@repo/testing/vercel";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../errors";
import { VercelConnector } from "./connector";

const TOKEN = "vercel-test-token";
let fake: FakeVercel | undefined;
afterEach(() => fake?.stop());

const connector = (f: FakeVercel) => new VercelConnector({ token: TOKEN, baseUrl: f.url, teamId: f.team.teamId });

describe("VercelConnector against the fake REST API", () => {
  it("lists exactly the fake's projects and deployments, logs of failed builds scrubbed, then follows changes", async () => {
    // 10 projects × 50 deployments, every 10th failed with a log that prints a token: 510 documents.
    fake = await FakeVercel.start({ team: seedVercelTeam({ projects: 10, deploymentsPerProject: 50, failEvery: 10 }), tokens: [TOKEN] });
    const team = fake.team;
    const building = team.deploy([...team.projects.keys()][0]!, { message: "still building" });
    const truth = vercelGroundTruth(team);
    expect(truth.size).toBeGreaterThanOrEqual(500);

    const full = connector(fake);
    const first = await full.listChanges(null);
    expect(first.complete).toBe(true);
    const ids = first.upserts.map((i) => i.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...truth.keys()].sort());
    const listingRequests = full.requestCount();

    let logs = 0;
    for await (const content of full.fetchContent(first.upserts)) {
      expect(content.status).toBe("ok");
      if (content.status !== "ok") continue;
      for (const secret of SEEDED_LOG_SECRETS) expect(content.text).not.toContain(secret);
      if (truth.get(content.item.externalId)?.hasLog) {
        logs += 1;
        expect(content.text).toMatch(/## Build log[\s\S]*Module not found/);
        expect(content.text).toContain("[REDACTED");
        expect(content.redactions).toBeDefined();
      }
    }
    expect(logs).toBe([...truth.values()].filter((d) => d.hasLog).length);
    console.log(
      `[budget] Vercel full sync: ${truth.size} documents (${logs} failed builds with logs): ${listingRequests} listing requests + ${full.requestCount() - listingRequests} build-log requests · load ${loadavg()[0]!.toFixed(2)}`,
    );

    // A workflow step reads content in a fresh instance: same text, from Vercel again.
    const sample = first.upserts.filter((i) => truth.get(i.externalId)?.hasLog).slice(0, 3);
    const freshTexts: string[] = [];
    const freshReader = connector(fake);
    for await (const content of freshReader.fetchContent(sample)) if (content.status === "ok") freshTexts.push(content.text);
    expect(freshTexts).toHaveLength(3);
    console.log(`[budget] Vercel content of 3 failed builds in a fresh instance: ${freshReader.requestCount()} requests`);
    expect(freshTexts.every((t) => t.includes("[REDACTED"))).toBe(true);

    // The cheap probe a schedule uses: one request; it moves with a new newest deployment (or its state).
    const probe = connector(fake);
    const before = await probe.currentPosition();
    expect(probe.requestCount()).toBe(1);

    // Five changes: the building deployment fails, a new deployment, a project renamed, a project removed, a deployment deleted.
    const [p1, p2, p3] = [...team.projects.keys()];
    team.finish(building.uid, "ERROR", ["Error: out of memory"]);
    const fresh = team.deploy(p2!, { state: "READY", message: "new feature" });
    team.touchProject(p3!, { name: "renamed-app" });
    const removedProject = [...team.projects.keys()].at(-1)!;
    team.removeProject(removedProject);
    const deleted = [...team.deployments.values()].find((d) => d.projectId === p1)!.uid;
    team.deleteDeployment(deleted);

    expect((await probe.currentPosition()).value).not.toBe(before.value);
    const incremental = connector(fake);
    // The deleted deployment is rechecked because a webhook named it (Vercel's listing cannot show absence).
    const second = await incremental.listChanges(first.position, { recheck: [`deployment:${deleted}`] });
    expect(second.complete).toBe(false);
    expect(second.upserts.map((i) => i.externalId).sort()).toEqual([`deployment:${building.uid}`, `deployment:${fresh.uid}`, `project:${p3}`].sort());
    expect(second.deletions.sort()).toEqual([`deployment:${deleted}`, `project:${removedProject}`].sort());
    console.log(`[budget] Vercel incremental after 5 changes: ${incremental.requestCount()} requests · load ${loadavg()[0]!.toFixed(2)}`);

    // Nothing changed: nothing listed, and the finished build is no longer pending.
    const third = await connector(fake).listChanges(second.position);
    expect(third.upserts).toEqual([]);
    expect(third.deletions).toEqual([]);

    // Cleanup sees the removed project's deployments are gone.
    const live = await connector(fake).listLiveIds();
    expect(live.sort()).toEqual([...vercelGroundTruth(team).keys()].sort());
  });

  it("recovers from 429 storms, an exhausted window (waiting for x-ratelimit-reset) and 503s, with no lost or duplicate items", async () => {
    fake = await FakeVercel.start({
      team: seedVercelTeam({ projects: 3, deploymentsPerProject: 70, failEvery: 7 }),
      tokens: [TOKEN],
      rateLimit: { limit: 2, windowMs: 400 },
    });
    fake.rateLimitStorm(4, 300);
    fake.http.failNext({ status: 503, times: 2, pathIncludes: "/v6/deployments" });
    const c = new VercelConnector({ token: TOKEN, baseUrl: fake.url, teamId: fake.team.teamId, backoffMs: 20 });
    const changes = await c.listChanges(null);
    const ids = changes.upserts.map((i) => i.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...vercelGroundTruth(fake.team).keys()].sort());
    expect(fake.count(undefined, 429)).toBeGreaterThanOrEqual(4);
    expect(fake.count("/v6/deployments", 503)).toBe(2);
  });

  it("a project target (`vercel:<project>`) lists and cleans up that project only", async () => {
    fake = await FakeVercel.start({ team: seedVercelTeam({ projects: 3, deploymentsPerProject: 5, failEvery: 4 }), tokens: [TOKEN] });
    const project = [...fake.team.projects.values()][1]!;
    const c = new VercelConnector({ token: TOKEN, baseUrl: fake.url, teamId: fake.team.teamId, projectId: project.name });
    const expected = [
      `project:${project.id}`,
      ...[...fake.team.deployments.values()].filter((d) => d.projectId === project.id).map((d) => `deployment:${d.uid}`),
    ].sort();
    expect((await c.listChanges(null)).upserts.map((i) => i.externalId).sort()).toEqual(expected);
    expect((await c.listLiveIds()).sort()).toEqual(expected);
  });

  it("a revoked token is a non-retryable error that says what to do", async () => {
    fake = await FakeVercel.start({ team: seedVercelTeam({ projects: 1, deploymentsPerProject: 1, failEvery: 2 }), tokens: [TOKEN] });
    fake.revoke(TOKEN);
    const error = await connector(fake)
      .listChanges(null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      provider: "vercel",
      code: "unauthorized",
      retryable: false,
      status: 403,
      message: expect.stringContaining("Not authorized"),
    });
    expect(fake.count()).toBe(1);
  });
});
