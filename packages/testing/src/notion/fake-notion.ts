import { createHmac, randomUUID } from "node:crypto";
import { FakeHttpServer, type FakeRequest, type FakeResponse } from "../http/fake-server";
import { blockObject, dataSourceObject, minuteIso, notionError, pageObject } from "./shapes";
import { NotionWorkspace, type NotionBlockRecord, type NotionPageRecord } from "./workspace";

/** Notion's documented bound on `page_size` (default 100). */
export const NOTION_MAX_PAGE_SIZE = 100;
const ORIGIN = "https://www.notion.so/fake";

/**
 * A fake of Notion's REST API (v1, Notion-Version 2025-09-03) over a seeded, editable workspace,
 * reached by `new Client({ auth, baseUrl: fake.url })`: search, pages, block children, data source
 * queries, with Notion's cursor paging (`start_cursor`/`has_more`/`next_cursor`, page_size ≤ 100),
 * error objects, and 429 `rate_limited` answers carrying `retry-after`.
 */
export class FakeNotion {
  readonly server = new FakeHttpServer();
  readonly workspace = new NotionWorkspace();
  private readonly tokens = new Set<string>();
  private storm = { times: 0, retryAfterSeconds: 0 };
  private limit: { requests: number; windowMs: number; start: number; used: number } | undefined;

  constructor(options: { tokens?: string[] } = {}) {
    for (const token of options.tokens ?? ["ntn_fake"]) this.tokens.add(token);
    const guarded = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest) => this.guard(req) ?? handler(req);
    this.server
      .route(
        "POST",
        "/v1/search",
        guarded((req) => this.search(req)),
      )
      .route(
        "GET",
        "/v1/pages/:id",
        guarded((req) => this.page(req)),
      )
      .route(
        "GET",
        "/v1/blocks/:id/children",
        guarded((req) => this.children(req)),
      )
      .route(
        "POST",
        "/v1/data_sources/:id/query",
        guarded((req) => this.query(req)),
      )
      .route(
        "GET",
        "/v1/data_sources/:id",
        guarded((req) => this.dataSource(req)),
      )
      .route(
        "GET",
        "/v1/databases/:id",
        guarded((req) => this.database(req)),
      )
      .route(
        "GET",
        "/v1/blocks/:id",
        guarded((req) => this.block(req)),
      )
      .route(
        "GET",
        "/v1/users/me",
        guarded(() => ({ status: 200, body: { object: "user", id: "bot", type: "bot", bot: {} } })),
      );
  }

  /** Starts listening; returns the SDK's `baseUrl` (https://api.notion.com in production). */
  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get url(): string {
    return this.server.url;
  }

  get requestCount(): number {
    return this.server.requests.length;
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** The next `times` requests get 429 rate_limited with `retry-after: retryAfterSeconds`. */
  rateLimitStorm(times: number, retryAfterSeconds = 0): void {
    this.storm = { times, retryAfterSeconds };
  }

  /** A sustained limit (Notion averages three requests a second per integration). */
  setRateLimit(limit: { requests: number; windowMs: number } | undefined): void {
    this.limit = limit && { ...limit, start: Date.now(), used: 0 };
  }

  /** A webhook event signed like Notion's: `X-Notion-Signature: sha256=<HMAC of the body keyed by the verification token>`. */
  webhook(
    verificationToken: string,
    event: { type: string; entity: { id: string; type: "page" | "database" | "data_source" | "block" } },
  ): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify({
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      workspace_id: "ws-fake",
      subscription_id: "sub-fake",
      integration_id: "int-fake",
      attempt_number: 1,
      ...event,
    });
    const signature = `sha256=${createHmac("sha256", verificationToken).update(body).digest("hex")}`;
    return { body, headers: { "content-type": "application/json", "x-notion-signature": signature } };
  }

  /** The one-time request Notion sends when a subscription is created (unsigned, carries the token). */
  verificationRequest(verificationToken: string): { body: string; headers: Record<string, string> } {
    return { body: JSON.stringify({ verification_token: verificationToken }), headers: { "content-type": "application/json" } };
  }

  private guard(req: FakeRequest): FakeResponse | undefined {
    if (!req.headers["notion-version"])
      return notionError(400, "missing_version", "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.");
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token || !this.tokens.has(token)) return notionError(401, "unauthorized", "API token is invalid.");
    if (this.storm.times > 0) {
      this.storm.times -= 1;
      return this.rateLimited(this.storm.retryAfterSeconds);
    }
    if (this.limit) {
      const now = Date.now();
      if (now - this.limit.start >= this.limit.windowMs) Object.assign(this.limit, { start: now, used: 0 });
      this.limit.used += 1;
      if (this.limit.used > this.limit.requests) return this.rateLimited(Math.ceil((this.limit.windowMs - (now - this.limit.start)) / 1000));
    }
    return undefined;
  }

  private rateLimited(retryAfterSeconds: number): FakeResponse {
    const response = notionError(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.");
    return { ...response, headers: { "retry-after": String(retryAfterSeconds) } };
  }

  private search(req: FakeRequest): FakeResponse {
    const body = req.body.length
      ? req.json<{
          query?: string;
          filter?: { property?: string; value?: string; in_trash?: boolean };
          sort?: { timestamp?: string; direction?: string };
          start_cursor?: string;
          page_size?: number;
        }>()
      : {};
    const inTrash = body.filter?.in_trash ?? false;
    const kind = body.filter?.value;
    const pages =
      kind === "data_source"
        ? []
        : [...this.workspace.pages.values()].filter((p) => p.searchable && (inTrash ? p.inTrash : !this.workspace.trashedWithAncestors(p)));
    const sources = kind === "page" ? [] : [...this.workspace.dataSources.values()].filter((d) => d.inTrash === inTrash);
    type Hit = { id: string; lastEditedTime: number; title: string; object: () => unknown };
    let hits: Hit[] = [
      ...pages.map((p) => ({ id: p.id, lastEditedTime: p.lastEditedTime, title: p.title, object: () => pageObject(p, ORIGIN) })),
      ...sources.map((d) => ({ id: d.id, lastEditedTime: d.lastEditedTime, title: d.title, object: () => dataSourceObject(d, ORIGIN) })),
    ];
    if (body.query) hits = hits.filter((h) => h.title.toLowerCase().includes(body.query!.toLowerCase()));
    const ascending = body.sort?.direction === "ascending";
    // Minute-resolution times sort equal; ids break ties so paging is stable.
    hits.sort((a, b) => (Math.floor(a.lastEditedTime / 60_000) - Math.floor(b.lastEditedTime / 60_000)) * (ascending ? 1 : -1) || (a.id < b.id ? -1 : 1));
    return this.paged(hits, body.start_cursor, body.page_size, (h) => h.object(), { type: "page_or_data_source", page_or_data_source: {} });
  }

  private page(req: FakeRequest): FakeResponse {
    const page = this.workspace.pages.get(req.params.id!);
    if (!page) return this.notFound(req.params.id!);
    return { status: 200, body: pageObject(page, ORIGIN) };
  }

  private dataSource(req: FakeRequest): FakeResponse {
    const ds = this.workspace.dataSources.get(req.params.id!);
    return ds ? { status: 200, body: dataSourceObject(ds, ORIGIN) } : this.notFound(req.params.id!);
  }

  /** A database (2025-09-03): its parent and the data sources it holds. */
  private database(req: FakeRequest): FakeResponse {
    const sources = [...this.workspace.dataSources.values()].filter((d) => d.databaseId === req.params.id);
    const first = sources[0];
    if (!first) return this.notFound(req.params.id!);
    return {
      status: 200,
      body: {
        object: "database",
        id: first.databaseId,
        title: dataSourceObject(first, ORIGIN).title,
        parent: { type: "page_id", page_id: first.parentPageId },
        data_sources: sources.map((d) => ({ id: d.id, name: d.title })),
        created_time: minuteIso(first.createdTime),
        last_edited_time: minuteIso(first.lastEditedTime),
        in_trash: first.inTrash,
        is_inline: false,
        url: `${ORIGIN}/${first.databaseId.replaceAll("-", "")}`,
      },
    };
  }

  private block(req: FakeRequest): FakeResponse {
    const id = req.params.id!;
    for (const page of this.workspace.pages.values()) {
      const walk = (blocks: NotionBlockRecord[], parentId: string): unknown => {
        for (const b of blocks) {
          if (b.id === id) return blockObject(b, parentId, page);
          const inner = walk(b.children, b.id);
          if (inner) return inner;
        }
        return undefined;
      };
      const found = walk(page.blocks, page.id);
      if (found) return { status: 200, body: found };
    }
    return this.notFound(id);
  }

  private children(req: FakeRequest): FakeResponse {
    const id = req.params.id!;
    const page = this.workspace.pages.get(id);
    const found = page ? { blocks: page.blocks, page } : this.findBlock(id);
    if (!found || this.workspace.trashedWithAncestors(found.page)) return this.notFound(id);
    const size = req.query.get("page_size");
    return this.paged(
      found.blocks,
      req.query.get("start_cursor") ?? undefined,
      size === null ? undefined : Number(size),
      (b) => blockObject(b, id, found.page),
      { type: "block", block: {} },
    );
  }

  private query(req: FakeRequest): FakeResponse {
    const ds = this.workspace.dataSources.get(req.params.id!);
    if (!ds || ds.inTrash) return this.notFound(req.params.id!);
    const body = req.body.length
      ? req.json<{
          filter?: { timestamp?: string; last_edited_time?: { on_or_after?: string; after?: string } };
          start_cursor?: string;
          page_size?: number;
          in_trash?: boolean;
        }>()
      : {};
    const onOrAfter = body.filter?.last_edited_time?.on_or_after;
    const rows = [...this.workspace.pages.values()]
      .filter((p) => p.parent.type === "data_source_id" && p.parent.data_source_id === ds.id && p.inTrash === (body.in_trash ?? false))
      // Notion compares the minute-resolution time, so `on_or_after` a minute includes all of it.
      .filter((p) => !onOrAfter || minuteIso(p.lastEditedTime) >= minuteIso(Date.parse(onOrAfter)))
      .sort((a, b) => b.lastEditedTime - a.lastEditedTime || (a.id < b.id ? -1 : 1));
    return this.paged(rows, body.start_cursor, body.page_size, (p) => pageObject(p, ORIGIN), { type: "page_or_data_source", page_or_data_source: {} });
  }

  private paged<T extends { id: string }>(
    items: T[],
    cursor: string | undefined,
    pageSize: number | undefined,
    shape: (item: T) => unknown,
    extra: Record<string, unknown>,
  ): FakeResponse {
    const size = pageSize ?? NOTION_MAX_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > NOTION_MAX_PAGE_SIZE) {
      return notionError(
        400,
        "validation_error",
        `body failed validation: body.page_size should be ≤ \`${NOTION_MAX_PAGE_SIZE}\`, instead was \`${pageSize}\`.`,
      );
    }
    const start = cursor ? items.findIndex((i) => i.id === cursor) : 0;
    if (start < 0) return notionError(400, "validation_error", `start_cursor provided is invalid: ${cursor}`);
    const page = items.slice(start, start + size);
    const next = items[start + size];
    return {
      status: 200,
      body: { object: "list", results: page.map(shape), next_cursor: next?.id ?? null, has_more: next !== undefined, ...extra, request_id: "fake-request-id" },
    };
  }

  private findBlock(id: string): { blocks: NotionBlockRecord[]; page: NotionPageRecord } | undefined {
    const visit = (blocks: NotionBlockRecord[], page: NotionPageRecord): { blocks: NotionBlockRecord[]; page: NotionPageRecord } | undefined => {
      for (const b of blocks) {
        if (b.id === id && b.type !== "child_page") return { blocks: b.children, page };
        const inner = visit(b.children, page);
        if (inner) return inner;
      }
      return undefined;
    };
    for (const page of this.workspace.pages.values()) {
      const hit = visit(page.blocks, page);
      if (hit) return hit;
    }
    return undefined;
  }

  private notFound(id: string): FakeResponse {
    return notionError(
      404,
      "object_not_found",
      `Could not find block with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
    );
  }
}
