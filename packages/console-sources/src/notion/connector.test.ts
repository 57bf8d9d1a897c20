import { loadavg } from "node:os";
import { FakeNotion } from "@repo/testing/notion";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectorItem, ItemContent } from "@repo/console-types";
import { ConnectorError } from "../errors";
import { NotionBlockCache } from "./block-cache";
import { NotionConnector } from "./connector";

const TOKEN = "ntn_fake";
const OVERLAP_MS = 2 * 60_000;

describe("NotionConnector against the fake Notion API", () => {
  const fake = new FakeNotion({ tokens: [TOKEN, "ntn_other"] });
  let baseUrl = "";
  let roots: string[] = [];
  let databaseId = "";
  const connector = (options: { maxRetryDelayMs?: number } = {}) =>
    new NotionConnector({ auth: TOKEN, baseUrl, roots, overlapMs: OVERLAP_MS, maxRetryDelayMs: options.maxRetryDelayMs ?? 50 });

  beforeAll(async () => {
    baseUrl = await fake.start();
    // A day-old workspace, a page a minute, so edits below fall outside the overlap window.
    fake.workspace.advance(-24 * 3_600_000);
    const seeded = fake.workspace.seed({ roots: 2, pages: 480, blocksPerPage: 4, databasePages: 20, spacingMs: 60_000 });
    roots = seeded.roots.map((r) => r.id);
    databaseId = seeded.dataSource!.databaseId;
    // Search misses these: only the root-page crawl finds them.
    for (const page of [...fake.workspace.pages.values()].slice(10, 13)) page.searchable = false;
  });
  afterAll(() => fake.stop());

  const livePageIds = () =>
    fake.workspace
      .livePages()
      .map((p) => p.id)
      .sort();
  async function contents(c: NotionConnector, items: readonly ConnectorItem[]) {
    const out: ItemContent[] = [];
    for await (const content of c.fetchContent(items)) out.push(content);
    return out;
  }

  it("lists every shared page (search, databases, the crawl for what search misses) with its blocks, then only what changed", async () => {
    const c = connector();
    const full = await c.listChanges(null);
    expect(full.complete).toBe(true);
    expect(full.upserts.map((u) => u.externalId).sort()).toEqual(livePageIds());
    expect(full.upserts.length).toBeGreaterThanOrEqual(500);
    const texts = await contents(c, full.upserts);
    const fullRequests = c.requestCount();
    for (const content of texts) {
      expect(content.status).toBe("ok");
      if (content.status !== "ok") continue;
      const page = fake.workspace.mustPage(content.item.externalId);
      expect(content.text.startsWith(`# ${page.title}\n`)).toBe(true);
      const walk = (blocks: typeof page.blocks): string[] => blocks.flatMap((b) => [b.text, ...(b.type === "child_page" ? [] : walk(b.children))]);
      for (const text of walk(page.blocks)) expect(content.text).toContain(text);
    }
    const longPage = texts.find((t) => t.status === "ok" && t.text.includes("Step 120 of page 1\n"));
    expect(longPage).toBeDefined();

    // A workflow reads content in another step: a fresh instance, no blocks cached by the crawl.
    const fresh = connector();
    const refetched = await contents(fresh, full.upserts);
    expect(refetched.map((t) => (t.status === "ok" ? t.text : t.reason))).toEqual(texts.map((t) => (t.status === "ok" ? t.text : t.reason)));
    const freshContentRequests = fresh.requestCount();

    const ws = fake.workspace;
    ws.advance(24 * 3_600_000);
    const pages = [...ws.pages.values()].filter((p) => p.parent.type === "page_id");
    ws.editPage(pages[1]!.id, { appendParagraph: "An edited paragraph" });
    ws.editPage(pages[2]!.id, { title: "Retitled page" });
    const created = ws.addPage({ type: "page_id", page_id: roots[0]! }, "A new page", [ws.block("paragraph", "Fresh words")]);
    ws.trashPage(pages[3]!.id);
    const row = [...ws.pages.values()].find((p) => p.parent.type === "data_source_id")!;
    ws.editPage(row.id, { appendParagraph: "Row edited" });

    const before = c.requestCount();
    const incremental = await c.listChanges(full.position);
    const incrementalRequests = c.requestCount() - before;
    expect(incremental.complete).toBe(false);
    // The root that got a new child page is edited too (its child_page block list changed), and
    // what changed in the overlap before the watermark is listed again with the same version.
    const overlapStart = new Date(Date.parse(full.position.value) - OVERLAP_MS).toISOString();
    const overlapped = full.upserts.filter((u) => u.version >= overlapStart).map((u) => u.externalId);
    expect(overlapped.length).toBeLessThan(6);
    const edited = [pages[1]!.id, pages[2]!.id, created.id, row.id, roots[0]!];
    expect(incremental.upserts.map((u) => u.externalId).sort()).toEqual([...new Set([...edited, ...overlapped])].sort());
    expect(incremental.deletions).toEqual([pages[3]!.id]);
    const changed = await contents(c, incremental.upserts);
    const contentRequests = c.requestCount() - before - incrementalRequests;
    expect(changed.find((t) => t.item.externalId === pages[1]!.id)).toMatchObject({ status: "ok", text: expect.stringContaining("An edited paragraph") });
    expect(await c.listLiveIds().then((ids) => ids.sort())).toEqual(livePageIds());
    const gone = await contents(
      connector(),
      full.upserts.filter((u) => u.externalId === pages[3]!.id),
    );
    expect(gone).toEqual([expect.objectContaining({ status: "skipped", reason: expect.stringContaining("no longer shared") })]);
    console.log(
      `[budget] Notion: full sync of ${full.upserts.length} pages (listing + content of each) = ${fullRequests} requests (content alone, by a fresh instance: ${freshContentRequests}); ` +
        `incremental listing after 5 edits = ${incrementalRequests} requests, +${contentRequests} for the changed pages' content; loadavg ${loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
    );
  });

  it("hands the blocks a planning crawl read to another connector's content read, once, with the same text", async () => {
    const blockCache = new NotionBlockCache();
    const withCache = () => new NotionConnector({ auth: TOKEN, baseUrl, roots, overlapMs: OVERLAP_MS, maxRetryDelayMs: 50, blockCache });
    const planning = withCache();
    const items = (await planning.listChanges(null)).upserts;
    const crawledPages = blockCache.size;
    expect(crawledPages).toBeGreaterThan(0);
    // What staging did before: its own connector, reading every page's blocks.
    const alone = connector();
    const expected = await contents(alone, items);
    const staging = withCache();
    const texts = await contents(staging, items);
    expect(texts).toEqual(expected);
    expect(blockCache.size).toBe(0);
    // Each crawled page's top-level blocks are not read again (at least one request each; long pages take more).
    expect(staging.requestCount()).toBeLessThanOrEqual(alone.requestCount() - crawledPages);
    // Another integration's token gets nothing from the cache.
    await withCache().listChanges(null);
    const other = new NotionConnector({ auth: "ntn_other", baseUrl, roots, maxRetryDelayMs: 50, blockCache });
    await contents(other, items.slice(0, 5));
    expect(other.requestCount()).toBeGreaterThanOrEqual(5);
  }, 300_000);

  it("keeps to the roots' subtrees when scoped to root pages (notion:<page-id>), databases under them included", async () => {
    const ws = fake.workspace;
    const under = (rootId: string) =>
      ws
        .livePages()
        .filter((page) => {
          for (let p: typeof page | undefined = page; p; ) {
            if (p.id === rootId) return true;
            p =
              p.parent.type === "page_id"
                ? ws.pages.get(p.parent.page_id)
                : p.parent.type === "data_source_id"
                  ? ws.pages.get(ws.dataSources.get(p.parent.data_source_id)!.parentPageId)
                  : undefined;
          }
          return false;
        })
        .map((p) => p.id)
        .sort();
    const c = new NotionConnector({ auth: TOKEN, baseUrl, roots: [roots[0]!], scope: "roots", overlapMs: OVERLAP_MS });
    const full = await c.listChanges(null);
    expect(full.upserts.map((u) => u.externalId).sort()).toEqual(under(roots[0]!));
    expect(full.upserts.some((u) => ws.pages.get(u.externalId)!.parent.type === "data_source_id")).toBe(true);

    ws.advance(24 * 3_600_000);
    const inside = ws.pages.get(under(roots[0]!).find((id) => ws.pages.get(id)!.parent.type === "page_id" && id !== roots[0])!)!;
    const outside = ws.pages.get(under(roots[1]!).find((id) => id !== roots[1])!)!;
    const trashedInside = ws.pages.get(
      under(roots[0]!)
        .filter((id) => ws.pages.get(id)!.parent.type === "page_id")
        .at(-1)!,
    )!;
    ws.editPage(inside.id, { appendParagraph: "inside edit" });
    ws.editPage(outside.id, { appendParagraph: "outside edit" });
    ws.trashPage(trashedInside.id);
    const incremental = await c.listChanges(full.position);
    const overlapStart = new Date(Date.parse(full.position.value) - OVERLAP_MS).toISOString();
    const overlapped = full.upserts.filter((u) => u.version >= overlapStart && u.externalId !== trashedInside.id).map((u) => u.externalId);
    expect(incremental.upserts.map((u) => u.externalId).sort()).toEqual([...new Set([inside.id, ...overlapped])].sort());
    expect(incremental.upserts.map((u) => u.externalId)).not.toContain(outside.id);
    expect(incremental.deletions).toEqual([trashedInside.id]);
    expect(await c.listLiveIds().then((ids) => ids.sort())).toEqual(under(roots[0]!));
  });

  it("takes a database id as a root: its rows are the source (notion:<database-id>)", async () => {
    const c = new NotionConnector({ auth: TOKEN, baseUrl, roots: [databaseId], scope: "roots" });
    const rows = fake.workspace
      .livePages()
      .filter((p) => p.parent.type === "data_source_id" && p.parent.database_id === databaseId)
      .map((p) => p.id)
      .sort();
    expect(rows.length).toBeGreaterThan(0);
    expect((await c.listChanges(null)).upserts.map((u) => u.externalId).sort()).toEqual(rows);
  });

  it("honours 429 retry-after through a storm with no lost or duplicated page", async () => {
    // Without roots (no crawl), so the storm hits a short listing: search and the database.
    const c = new NotionConnector({ auth: TOKEN, baseUrl, maxRetryDelayMs: 1_000 });
    const refusedBefore = fake.server.count({ status: 429 });
    fake.rateLimitStorm(4, 0);
    const listed = await c.listChanges(null);
    expect(fake.server.count({ status: 429 }) - refusedBefore).toBe(4);
    const ids = listed.upserts.map((u) => u.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      fake.workspace
        .livePages()
        .filter((p) => p.searchable)
        .map((p) => p.id)
        .sort(),
    );
  });

  it("surfaces a rate limit that outlasts the retries as retryable, with retryAfterMs", async () => {
    fake.rateLimitStorm(50, 30);
    try {
      const error = await new NotionConnector({ auth: TOKEN, baseUrl, maxRetries: 1, maxRetryDelayMs: 10 }).currentPosition().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ provider: "notion", code: "rate_limited", retryable: true, retryAfterMs: 30_000 });
    } finally {
      fake.rateLimitStorm(0);
    }
  });

  it("reports a revoked integration token as a clear, non-retryable error", async () => {
    fake.revokeToken("ntn_other");
    const error = await new NotionConnector({ auth: "ntn_other", baseUrl }).listChanges(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ provider: "notion", code: "unauthorized", retryable: false });
    expect((error as Error).message).toMatch(/Notion rejected the integration token \(revoked/);
  });
});
