import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakePinecone } from "./fake-pinecone";
import { PINECONE_LIMITS } from "./limits";

// Raw HTTP against the fake, for the limits; console-pinecone drives it through the real SDK.
describe("FakePinecone", () => {
  const fake = new FakePinecone({ apiKey: "k" });
  let host = "";
  const headers = { "Api-Key": "k", "Content-Type": "application/json", "X-Pinecone-Api-Version": "2026-04" };
  const post = (path: string, body: unknown) => fetch(`${host}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const get = (path: string) => fetch(`${host}${path}`, { headers });
  const vector = (id: string, axis: number, sourceId = "a") => ({ id, values: [0, 1, 2, 3].map((i) => (i === axis ? 1 : 0)), metadata: { sourceId } });

  beforeAll(async () => {
    await fake.start();
    host = fake.createIndex({ name: "idx", dimension: 4 }).host;
  });
  afterAll(() => fake.stop());

  it("refuses what Pinecone refuses with 400s and records each request's size", async () => {
    const status = async (response: Promise<Response>) => (await response).status;
    expect(await status(post("/vectors/upsert", { vectors: Array.from({ length: 1001 }, (_, i) => vector(`v${i}`, 0)) }))).toBe(400);
    const big = { vectors: [{ ...vector("v", 0), metadata: { snippet: "x".repeat(PINECONE_LIMITS.maxRequestBytes) } }] };
    expect(await status(post("/vectors/upsert", big))).toBe(400);
    expect(await status(post("/vectors/upsert", { vectors: [{ ...vector("v", 0), metadata: { s: "x".repeat(40_001) } }] }))).toBe(400);
    expect(await status(post("/vectors/upsert", { vectors: [vector("x".repeat(513), 0)] }))).toBe(400);
    expect(await status(post("/vectors/upsert", { vectors: [{ id: "v", values: [1, 2, 3] }] }))).toBe(400);
    expect(await status(post("/vectors/upsert", { vectors: [{ ...vector("v", 0), metadata: { s: null } }] }))).toBe(400);
    expect(await status(post("/query", { topK: 1, vector: [1, 0] }))).toBe(400);
    expect(await status(post("/vectors/delete", { ids: Array.from({ length: 1001 }, (_, i) => `v${i}`) }))).toBe(400);
    expect(await status(get(`/vectors/fetch?${Array.from({ length: 1001 }, (_, i) => `ids=${i}`).join("&")}`))).toBe(400);
    expect(await status(fetch(`${host}/vectors/list`, { headers: { "Api-Key": "wrong" } }))).toBe(401);
    const upserts = fake.callsOf("upsert");
    expect(upserts.every((c) => c.status === 400)).toBe(true);
    expect(upserts[0]).toMatchObject({ records: 1001 });
    expect(upserts[1]!.bodyBytes).toBeGreaterThan(PINECONE_LIMITS.maxRequestBytes);
    expect(fake.index("idx").namespace().size).toBe(0);
  });

  it("queries by cosine with $eq / $in filters, lists by prefix in pages, and keeps namespaces apart", async () => {
    await post("/vectors/upsert", { namespace: "n1", vectors: [vector("a:1", 0, "a"), vector("a:2", 1, "a"), vector("b:1", 0, "b"), vector("c:1", 0, "c")] });
    await post("/vectors/upsert", { namespace: "n2", vectors: [vector("a:1", 2, "a")] });
    const query = async (filter?: unknown) => {
      const body = (await (await post("/query", { namespace: "n1", topK: 10, vector: [1, 0.1, 0, 0], filter, includeMetadata: true })).json()) as {
        matches: Array<{ id: string; score: number }>;
      };
      return body.matches.map((m) => m.id);
    };
    expect((await query()).slice(-1)).toEqual(["a:2"]);
    const withValues = (await (await post("/query", { namespace: "n1", topK: 1, vector: [0, 1, 0, 0], includeValues: true })).json()) as {
      matches: Array<{ id: string; score: number; values: number[]; metadata?: unknown }>;
    };
    expect(withValues.matches).toEqual([{ id: "a:2", score: 1, values: [0, 1, 0, 0] }]);
    expect(await query({ sourceId: { $eq: "b" } })).toEqual(["b:1"]);
    expect((await query({ sourceId: { $in: ["a", "c"] } })).sort()).toEqual(["a:1", "a:2", "c:1"]);
    expect((await post("/query", { namespace: "n1", topK: 1, vector: [1, 0, 0, 0], filter: { sourceId: { $regex: "a" } } })).status).toBe(400);

    const page1 = (await (await get("/vectors/list?namespace=n1&prefix=a%3A&limit=1")).json()) as {
      vectors: Array<{ id: string }>;
      pagination?: { next: string };
    };
    expect(page1.vectors).toEqual([{ id: "a:1" }]);
    const page2 = (await (await get(`/vectors/list?namespace=n1&prefix=a%3A&limit=1&paginationToken=${page1.pagination!.next}`)).json()) as {
      vectors: unknown[];
      pagination?: unknown;
    };
    expect(page2).toMatchObject({ vectors: [{ id: "a:2" }] });
    expect(page2.pagination).toBeUndefined();

    await post("/vectors/delete", { namespace: "n1", deleteAll: true });
    const stats = (await (await post("/describe_index_stats", {})).json()) as { namespaces: Record<string, { vectorCount: number }>; totalVectorCount: number };
    expect(stats).toMatchObject({ namespaces: { n2: { vectorCount: 1 } }, totalVectorCount: 1, dimension: 4 });
  });
});
