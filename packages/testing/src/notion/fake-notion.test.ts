import { APIErrorCode, APIResponseError, Client, collectPaginatedAPI } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeNotion } from "./fake-notion";

describe("FakeNotion through @notionhq/client", () => {
  const fake = new FakeNotion({ tokens: ["ntn_fake"] });
  let notion: Client;
  beforeAll(async () => {
    notion = new Client({ auth: "ntn_fake", baseUrl: await fake.start(), retry: false });
    fake.workspace.seed({ roots: 1, pages: 30, blocksPerPage: 2 });
  });
  afterAll(() => fake.stop());

  it("pages search results with start_cursor / has_more / next_cursor", async () => {
    const first = await notion.search({ filter: { property: "object", value: "page" }, page_size: 10 });
    expect(first.results).toHaveLength(10);
    expect(first.has_more).toBe(true);
    const all = await collectPaginatedAPI(notion.search, { filter: { property: "object", value: "page" }, page_size: 7 });
    expect(new Set(all.map((p) => p.id)).size).toBe(31);
  });

  it("refuses page_size above 100", async () => {
    const error = await notion.search({ page_size: 101 }).catch((e: unknown) => e);
    expect(APIResponseError.isAPIResponseError(error) && error.code).toBe(APIErrorCode.ValidationError);
  });

  it("lists a page's blocks past one page of 100", async () => {
    const long = [...fake.workspace.pages.values()].find((p) => p.blocks.length > 100)!;
    const blocks = await collectPaginatedAPI(notion.blocks.children.list, { block_id: long.id });
    expect(blocks.map((b) => b.id)).toEqual(long.blocks.map((b) => b.id));
  });

  it("answers 429 rate_limited with retry-after, then serves again", async () => {
    fake.rateLimitStorm(1, 7);
    const error = await notion.search({ page_size: 1 }).catch((e: unknown) => e);
    expect(APIResponseError.isAPIResponseError(error) && error.code).toBe(APIErrorCode.RateLimited);
    expect((error as APIResponseError).headers).toBeDefined();
    await expect(notion.search({ page_size: 1 })).resolves.toMatchObject({ object: "list" });
  });

  it("rejects a revoked token with unauthorized", async () => {
    fake.revokeToken("ntn_fake");
    const error = await notion.search({ page_size: 1 }).catch((e: unknown) => e);
    expect(APIResponseError.isAPIResponseError(error) && error.code).toBe(APIErrorCode.Unauthorized);
  });
});

describe("FakeNotion's sustained rate limit", () => {
  it("allows `requests` per window, then answers 429 with the seconds left in retry-after", async () => {
    const fake = new FakeNotion({ tokens: ["ntn_fake"] });
    const notion = new Client({ auth: "ntn_fake", baseUrl: await fake.start(), retry: false });
    try {
      fake.setRateLimit({ requests: 2, windowMs: 3_000 });
      await notion.search({ page_size: 1 });
      await notion.search({ page_size: 1 });
      const error = (await notion.search({ page_size: 1 }).catch((e: unknown) => e)) as APIResponseError;
      expect(error.code).toBe(APIErrorCode.RateLimited);
      expect(Number((error.headers as Headers).get("retry-after"))).toBeGreaterThanOrEqual(2);
    } finally {
      await fake.stop();
    }
  });
});
