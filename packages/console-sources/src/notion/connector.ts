import { collectPaginatedAPI, isFullPage, type Client, type PageObjectResponse } from "@notionhq/client";
import type { ChangeSet, ConnectorItem, ItemConnector, ItemContent, SourcePosition } from "@repo/console-types";
import { NotionAncestry, type ParentLike } from "./ancestry";
import { NotionBlockCache } from "./block-cache";
import { createNotionClient, type NotionClientOptions } from "./client";
import { toNotionConnectorError } from "./errors";
import { pageMarkdown, type BlockTree, type NotionBlock } from "./markdown";

export interface NotionConnectorOptions extends NotionClientOptions {
  /**
   * Pages crawled through their child pages on full listings and in listLiveIds: Notion's search
   * can miss pages (indexing lag, some shared subtrees), the parent-child tree cannot.
   */
  roots?: string[];
  /**
   * "workspace" (default): everything shared with the integration. "roots": only the subtrees of
   * `roots` (`notion:<page-id>`), databases under them included.
   */
  scope?: "workspace" | "roots";
  /** `last_edited_time` has minute resolution: an incremental listing starts this long before the watermark (≥ 1 minute). */
  overlapMs?: number;
  /**
   * Where a full listing's crawl leaves the blocks it read, for fetchContent to take — shared by the
   * connectors of one runtime so that a sync's staging does not read its planning's pages again.
   * Without one, the connector keeps its own.
   */
  blockCache?: NotionBlockCache;
}

const PAGE_SIZE = 100;
const titleOf = (page: PageObjectResponse) => {
  const prop = Object.values(page.properties).find((p) => p.type === "title");
  return prop?.type === "title" ? prop.title.map((t) => t.plain_text).join("") || "Untitled" : "Untitled";
};

/** Pages and database rows shared with a Notion integration, their content as Markdown. */
export class NotionConnector implements ItemConnector {
  readonly provider = "notion" as const;
  private readonly client: Client;
  private readonly count: () => number;
  private readonly roots: string[];
  private readonly overlapMs: number;
  private readonly scope: "workspace" | "roots";
  private readonly ancestry: NotionAncestry;
  private readonly auth: string;
  /** Top-level blocks a planning crawl already read, by page id and version, so content does not read them twice. */
  private readonly crawled: NotionBlockCache;

  constructor(options: NotionConnectorOptions) {
    const { client, requestCount } = createNotionClient(options);
    this.client = client;
    this.count = requestCount;
    this.auth = options.auth;
    this.crawled = options.blockCache ?? new NotionBlockCache();
    this.roots = options.roots ?? [];
    this.overlapMs = Math.max(60_000, options.overlapMs ?? 2 * 60_000);
    this.scope = options.scope ?? "workspace";
    this.ancestry = new NotionAncestry(client, new Set(this.roots));
  }

  requestCount(): number {
    return this.count();
  }

  async currentPosition(): Promise<SourcePosition> {
    const res = await this.call(() =>
      this.client.search({ filter: { property: "object", value: "page" }, sort: { timestamp: "last_edited_time", direction: "descending" }, page_size: 1 }),
    );
    const latest = res.results.find(isFullPage)?.last_edited_time ?? new Date(0).toISOString();
    return { kind: "cursor", value: latest };
  }

  async listChanges(since: SourcePosition | null): Promise<ChangeSet> {
    const watermark = since?.kind === "cursor" && !Number.isNaN(Date.parse(since.value)) ? since.value : null;
    const bound = watermark ? new Date(Date.parse(watermark) - this.overlapMs).toISOString() : null;
    const pages = bound ? await this.changedPages(bound, false) : await this.allPages(true);
    const trashed = bound ? await this.changedPages(bound, true) : [];

    const upserts: ConnectorItem[] = [];
    const deletions = new Set<string>();
    let latest = watermark ?? new Date(0).toISOString();
    for (const page of [...pages, ...trashed]) {
      if (page.last_edited_time > latest) latest = page.last_edited_time;
      if (page.in_trash || page.archived) deletions.add(page.id);
      else upserts.push({ externalId: page.id, path: `pages/${page.id}.md`, title: titleOf(page), version: page.last_edited_time, url: page.url });
    }
    return {
      position: { kind: "cursor", value: latest },
      upserts: upserts.filter((u) => !deletions.has(u.externalId)),
      deletions: [...deletions],
      complete: !bound,
    };
  }

  async *fetchContent(items: readonly ConnectorItem[]): AsyncIterable<ItemContent> {
    for (const item of items) {
      try {
        const top = this.crawled.take(this.auth, item.externalId, item.version) ?? (await this.children(item.externalId));
        yield { status: "ok", item, text: pageMarkdown(item.title, await this.trees(top)) };
      } catch (cause) {
        const error = toNotionConnectorError(cause);
        if (error.code !== "not_found") throw error;
        yield { status: "skipped", item, reason: "no longer shared with the Notion integration, or deleted" };
      }
    }
  }

  async listLiveIds(): Promise<string[]> {
    return (await this.allPages(false)).map((p) => p.id);
  }

  /**
   * Every page in scope: search, database rows and the crawl (workspace); the crawl alone (roots).
   * `keepBlocks`: a listing whose pages will be staged leaves the crawled blocks for fetchContent.
   */
  private async allPages(keepBlocks: boolean): Promise<PageObjectResponse[]> {
    const known = new Map((await this.searchPages(false, null)).map((p) => [p.id, p]));
    if (this.scope === "roots") return this.crawl(known, true, keepBlocks);
    for (const row of await this.dataSourceRows(null)) known.set(row.id, row);
    for (const page of await this.crawl(known, false, keepBlocks)) known.set(page.id, page);
    return [...known.values()];
  }

  /** Pages (or trashed pages) edited since `bound`, kept to the roots' subtrees when so scoped. */
  private async changedPages(bound: string, inTrash: boolean): Promise<PageObjectResponse[]> {
    const found = new Map((await this.searchPages(inTrash, bound)).map((p) => [p.id, p]));
    if (!inTrash) for (const row of await this.dataSourceRows(bound)) found.set(row.id, row);
    if (this.scope === "workspace") return [...found.values()];
    for (const page of found.values()) this.ancestry.remember(page.id, page.parent as ParentLike);
    const inScope: PageObjectResponse[] = [];
    for (const page of found.values()) if (await this.ancestry.within(page.id, page.parent as ParentLike)) inScope.push(page);
    return inScope;
  }

  /** Search, newest edit first, stopping once results fall before `bound` (all of them without one). */
  private async searchPages(inTrash: boolean, bound: string | null): Promise<PageObjectResponse[]> {
    const found: PageObjectResponse[] = [];
    let cursor: string | undefined;
    do {
      const res = await this.call(() =>
        this.client.search({
          filter: { property: "object", value: "page", ...(inTrash ? { in_trash: true } : {}) },
          sort: { timestamp: "last_edited_time", direction: "descending" },
          page_size: PAGE_SIZE,
          start_cursor: cursor,
        }),
      );
      const pages = res.results.filter(isFullPage);
      // `>=`: times are whole minutes, so an edit in the watermark's own minute must be listed again.
      found.push(...pages.filter((p) => !bound || p.last_edited_time >= bound));
      if (bound && pages.some((p) => p.last_edited_time < bound)) break;
      cursor = res.has_more ? (res.next_cursor ?? undefined) : undefined;
    } while (cursor);
    return found;
  }

  /** Rows of every shared data source (database), filtered by last_edited_time on incremental listings. */
  private async dataSourceRows(bound: string | null): Promise<PageObjectResponse[]> {
    const sources = await this.call(() =>
      collectPaginatedAPI(this.client.search, { filter: { property: "object", value: "data_source" }, page_size: PAGE_SIZE }),
    );
    const rows: PageObjectResponse[] = [];
    for (const source of sources) {
      const results = await this.call(() =>
        collectPaginatedAPI(this.client.dataSources.query, {
          data_source_id: source.id,
          page_size: PAGE_SIZE,
          ...(bound ? { filter: { timestamp: "last_edited_time" as const, last_edited_time: { on_or_after: bound } } } : {}),
        }),
      );
      rows.push(...results.filter(isFullPage));
    }
    return rows;
  }

  /**
   * Walks child_page blocks down from the roots and returns every page on the way (pages search
   * listed cost no retrieve); with `expandDatabases`, rows of child databases too.
   */
  private async crawl(known: ReadonlyMap<string, PageObjectResponse>, expandDatabases: boolean, keepBlocks: boolean): Promise<PageObjectResponse[]> {
    const found = new Map<string, PageObjectResponse>();
    const queue: string[] = [];
    for (const root of this.roots) {
      if (!expandDatabases || known.has(root) || !(await this.isDatabase(root))) queue.push(root);
      else for (const row of await this.databaseRows(root)) found.set(row.id, row);
    }
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (found.has(id)) continue;
      const page = known.get(id) ?? (await this.call(() => this.client.pages.retrieve({ page_id: id })));
      if (!isFullPage(page) || page.in_trash) continue;
      found.set(id, page);
      const blocks = await this.children(id);
      // Only once the page's edit minute is over: an edit later in that minute keeps the version
      // (minute resolution), and staging would then index the blocks read before it.
      if (keepBlocks && Date.now() >= Date.parse(page.last_edited_time) + 60_000) this.crawled.put(this.auth, id, page.last_edited_time, blocks);
      for (const block of blocks) {
        if (block.type === "child_page") queue.push(block.id);
        if (block.type === "child_database" && expandDatabases) for (const row of await this.databaseRows(block.id)) found.set(row.id, row);
      }
    }
    return [...found.values()];
  }

  /** A root may be a database (`notion:<database-id>`): its rows are the items, not a page tree. */
  private async isDatabase(id: string): Promise<boolean> {
    try {
      await this.client.databases.retrieve({ database_id: id });
      return true;
    } catch (cause) {
      const error = toNotionConnectorError(cause);
      if (error.code === "not_found" || error.code === "bad_request") return false;
      throw error;
    }
  }

  private async databaseRows(databaseId: string): Promise<PageObjectResponse[]> {
    const database = await this.call(() => this.client.databases.retrieve({ database_id: databaseId }));
    const rows: PageObjectResponse[] = [];
    for (const source of "data_sources" in database ? database.data_sources : []) {
      const results = await this.call(() => collectPaginatedAPI(this.client.dataSources.query, { data_source_id: source.id, page_size: PAGE_SIZE }));
      rows.push(...results.filter(isFullPage));
    }
    return rows;
  }

  private async trees(blocks: readonly NotionBlock[]): Promise<BlockTree[]> {
    const out: BlockTree[] = [];
    for (const block of blocks) {
      // Subpages and databases are items of their own, not part of this page's text.
      const nested = block.has_children && block.type !== "child_page" && block.type !== "child_database";
      out.push({ block, children: nested ? await this.trees(await this.children(block.id)) : [] });
    }
    return out;
  }

  private async children(blockId: string): Promise<NotionBlock[]> {
    const results = await this.call(() => collectPaginatedAPI(this.client.blocks.children.list, { block_id: blockId, page_size: PAGE_SIZE }));
    return results.filter((b): b is typeof b & NotionBlock => "type" in b);
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toNotionConnectorError(error);
    }
  }
}
