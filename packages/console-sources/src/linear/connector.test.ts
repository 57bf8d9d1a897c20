import { loadavg } from "node:os";
import { FakeLinear } from "@repo/testing/linear";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ItemContent } from "@repo/console-types";
import { ConnectorError } from "../errors";
import { LinearConnector } from "./connector";

const KEY = "lin_api_fake";
// Every 50th issue has more comments than one page of 250 holds (the SDK peer bug stopped at 50).
const OVERLAP_MS = 5 * 60_000;
const commentsFor = (i: number) => (i % 50 === 0 ? 260 : 2);

describe("LinearConnector against the fake Linear API", () => {
  const fake = new FakeLinear({ tokens: [KEY, "lin_api_other"] });
  let apiUrl = "";
  const connector = () => new LinearConnector({ apiKey: KEY, apiUrl, teamKey: "ENG", overlapMs: OVERLAP_MS, maxRateLimitWaitMs: 5_000 });

  beforeAll(async () => {
    apiUrl = await fake.start();
    // Seeded an hour ago, so the edits below fall outside the incremental listing's overlap window.
    fake.workspace.advance(-24 * 3_600_000);
    fake.workspace.seed({ teamKey: "ENG", issues: 500, comments: commentsFor, documents: 6, spacingMs: 60_000 });
    fake.workspace.seed({ teamKey: "OPS", issues: 3, comments: 1, documents: 1, spacingMs: 60_000 });
  });
  afterAll(() => fake.stop());

  const expectedIds = (teamKey: string) => {
    const ws = fake.workspace;
    const team = [...ws.teams.values()].find((t) => t.key === teamKey)!;
    const issues = [...ws.issues.values()].filter((i) => i.teamId === team.id && i.archivedAt === null).map((i) => i.id);
    const docs = [...ws.documents.values()].filter((d) => ws.projects.get(d.projectId)!.teamIds.includes(team.id) && d.archivedAt === null).map((d) => d.id);
    return [...issues, ...docs].sort();
  };

  async function contents(c: LinearConnector, items: Parameters<LinearConnector["fetchContent"]>[0]) {
    const out: ItemContent[] = [];
    for await (const content of c.fetchContent(items)) out.push(content);
    return out;
  }

  it("lists every issue with all its comments and every project document, then only what changed", async () => {
    const c = connector();
    const full = await c.listChanges(null);
    const fullRequests = c.requestCount();
    expect(full.complete).toBe(true);
    expect(full.upserts.map((u) => u.externalId).sort()).toEqual(expectedIds("ENG"));
    expect(new Set(full.upserts.map((u) => u.path)).size).toBe(full.upserts.length);

    const texts = await contents(c, full.upserts);
    expect(c.requestCount()).toBe(fullRequests);
    for (const content of texts) {
      expect(content.status).toBe("ok");
      if (content.status !== "ok" || !content.item.path.startsWith("issues/")) continue;
      const comments = fake.workspace.commentsOf(content.item.externalId);
      expect(content.text.match(/^\*\*Ada\*\* \(/gm)?.length ?? 0).toBe(comments.length);
      for (const comment of comments) expect(content.text).toContain(comment.body);
    }

    // A workflow reads content in another step: a fresh instance, nothing cached from the listing.
    const fresh = connector();
    const refetched = await contents(fresh, full.upserts);
    const contentRequests = fresh.requestCount();
    expect(refetched.map((t) => (t.status === "ok" ? t.text : t.reason))).toEqual(texts.map((t) => (t.status === "ok" ? t.text : t.reason)));

    // Edits later (outside the 5-minute overlap): edited, commented, comment deleted, new, archived, trashed, document edited.
    const ws = fake.workspace;
    ws.advance(24 * 3_600_000);
    const eng = [...ws.issues.values()].filter((i) => ws.identifier(i).startsWith("ENG-"));
    ws.editIssue(eng[1]!.id, { title: "Renamed issue" });
    ws.addComment(eng[2]!.id, "A late comment", "Grace");
    const deletedComment = ws.commentsOf(eng[5]!.id)[0]!;
    ws.deleteComment(deletedComment.id);
    const created = ws.addIssue(eng[0]!.teamId, { title: "Brand new", description: "fresh" });
    ws.archiveIssue(eng[3]!.id);
    ws.trashIssue(eng[4]!.id);
    const doc = [...ws.documents.values()][0]!;
    ws.editDocument(doc.id, "# Changed doc\n\nnew words");

    const before = c.requestCount();
    const incremental = await c.listChanges(full.position);
    const incrementalRequests = c.requestCount() - before;
    expect(incremental.complete).toBe(false);
    // Plus what changed in the overlap window before the watermark (listed again, same version).
    const overlapStart = Date.parse(full.position.value) - OVERLAP_MS;
    const overlapped = full.upserts.filter((u) => Date.parse(u.version.split("#")[0]!) >= overlapStart).map((u) => u.externalId);
    expect(overlapped.length).toBeLessThan(10);
    const edited = [eng[1]!.id, eng[2]!.id, eng[5]!.id, created.id, doc.id];
    expect(incremental.upserts.map((u) => u.externalId).sort()).toEqual([...new Set([...edited, ...overlapped])].sort());
    expect(incremental.deletions.sort()).toEqual([eng[3]!.id, eng[4]!.id].sort());
    expect(incremental.position.value > full.position.value).toBe(true);
    const changed = await contents(c, incremental.upserts);
    expect(changed.find((t) => t.item.externalId === eng[2]!.id)).toMatchObject({ status: "ok", text: expect.stringContaining("A late comment") });
    expect(changed.find((t) => t.item.externalId === eng[1]!.id)).toMatchObject({ text: expect.stringContaining("Renamed issue") });
    expect(changed.find((t) => t.item.externalId === eng[5]!.id)).toMatchObject({ text: expect.not.stringContaining(deletedComment.body) });

    const again = await c.listChanges(incremental.position);
    // The edits sit inside the next listing's overlap: listed again with the same versions.
    expect(again.upserts.map((u) => `${u.externalId}@${u.version}`).sort()).toEqual(
      incremental.upserts
        .filter((u) => edited.includes(u.externalId))
        .map((u) => `${u.externalId}@${u.version}`)
        .sort(),
    );
    expect(await c.listLiveIds().then((ids) => ids.sort())).toEqual(expectedIds("ENG"));
    const gone = await contents(
      connector(),
      full.upserts.filter((u) => u.externalId === eng[4]!.id),
    );
    expect(gone).toEqual([expect.objectContaining({ status: "skipped", reason: expect.stringContaining("no longer in Linear") })]);
    console.log(
      `[budget] Linear: full sync of ${full.upserts.length} items (500 issues, ${eng.length} in team, 10 with 260 comments) = ${fullRequests} requests with the text (+${contentRequests} when the content is read by a fresh instance); ` +
        `incremental after 5 issue edits (edit, comment, deleted comment, new, archived+trashed) + 1 doc edit = ${incrementalRequests} requests; loadavg ${loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
    );
  });

  it("rides out a storm of RATELIMITED answers with no lost or duplicated item", async () => {
    const c = connector();
    const refusedBefore = fake.server.count({ status: 400 });
    fake.rateLimitStorm(6, 20);
    const listed = await c.listChanges(null);
    expect(fake.server.count({ status: 400 }) - refusedBefore).toBe(6);
    const ids = listed.upserts.map((u) => u.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expectedIds("ENG"));
  });

  it("waits for the complexity budget's reset instead of spending a request on a sure refusal", async () => {
    fake.setLimits({ complexity: 15_000, windowMs: 400 });
    try {
      const refusedBefore = fake.server.count({ status: 400 });
      const listed = await connector().listChanges(null);
      expect(listed.upserts.map((u) => u.externalId).sort()).toEqual(expectedIds("ENG"));
      expect(fake.server.count({ status: 400 }) - refusedBefore).toBe(0);
    } finally {
      fake.setLimits({ complexity: 3_000_000, windowMs: 3_600_000 });
    }
  });

  it("fails retryable with retryAfterMs when the hourly budget is spent", async () => {
    fake.setLimits({ requests: 2, windowMs: 3_600_000 });
    try {
      const error = await connector()
        .listChanges(null)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ code: "rate_limited", retryable: true });
      expect((error as ConnectorError).retryAfterMs).toBeGreaterThan(3_000_000);
    } finally {
      fake.setLimits({ requests: 5_000 });
    }
  });

  it("reports a revoked key as a clear, non-retryable error", async () => {
    const c = new LinearConnector({ apiKey: "lin_api_other", apiUrl, teamKey: "ENG" });
    fake.revokeToken("lin_api_other");
    const error = await c.listChanges(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ provider: "linear", code: "unauthorized", retryable: false });
    expect((error as Error).message).toMatch(/Linear rejected the API key.*revoked/);
  });
});
