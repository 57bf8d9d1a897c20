import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeCohere } from "./fake-cohere";

// Raw HTTP on purpose: the SDK-level behaviour is covered in console-embed; here the fake's own limits.
describe("FakeCohere", () => {
  let fake: FakeCohere;
  let baseUrl: string;
  beforeEach(async () => {
    fake = new FakeCohere();
    baseUrl = await fake.start();
  });
  afterEach(() => fake.stop());

  const post = (body: unknown, auth = "Bearer co-test") =>
    fetch(`${baseUrl}/v2/embed`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify(body) });
  const floats = async (res: Response) => ((await res.json()) as { embeddings: { float: number[][] } }).embeddings.float;

  it("embeds by input type with each model's dimensions", async () => {
    const base = { model: "embed-english-v3.0", texts: ["alpha"], embedding_types: ["float"] };
    const doc = await floats(await post({ ...base, input_type: "search_document" }));
    const query = await floats(await post({ ...base, input_type: "search_query" }));
    expect(doc[0]).toEqual(fake.vectorFor("alpha", { inputType: "search_document" }));
    expect(query[0]).toEqual(fake.vectorFor("alpha", { inputType: "search_query" }));
    expect(doc[0]).not.toEqual(query[0]);
    expect(doc[0]).toHaveLength(1024);
    const v4 = { model: "embed-v4.0", texts: ["alpha"], input_type: "search_query" };
    expect((await floats(await post(v4)))[0]).toHaveLength(1536);
    expect((await floats(await post({ ...v4, output_dimension: 256 })))[0]).toHaveLength(256);
    expect((await post({ ...v4, output_dimension: 300 })).status).toBe(400);
  });

  it("rejects what the service rejects", async () => {
    const base = { model: "embed-english-v3.0", input_type: "search_document" };
    expect((await post({ ...base, texts: ["x"] }, "")).status).toBe(401);
    const tooMany = await post({ ...base, texts: Array.from({ length: 97 }, () => "x") });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { message: string }).message).toContain("at most 96");
    expect((await post({ ...base, texts: Array.from({ length: 96 }, () => "x") })).status).toBe(200);
    expect((await post({ model: "embed-english-v3.0", texts: ["x"] })).status).toBe(400);
    expect((await post({ ...base, texts: ["x", ""] })).status).toBe(400);
    const long = "word ".repeat(600);
    expect((await post({ ...base, texts: [long], truncate: "NONE" })).status).toBe(400);
    expect((await post({ ...base, texts: [long], truncate: "END" })).status).toBe(200);
    expect((await post({ ...base, model: "embed-nope", texts: ["x"] })).status).toBe(404);
    expect(fake.calls.map((c) => [c.texts.length, c.truncate])).toEqual([
      [96, "END"],
      [1, "END"],
    ]);
  });

  it("rate limits and injects faults", async () => {
    fake.setRateLimit({ limit: 1, windowMs: 5_000, retryAfterHeader: "retry-after" });
    const body = { model: "embed-english-v3.0", input_type: "search_document", texts: ["x"] };
    expect((await post(body)).status).toBe(200);
    const limited = await post(body);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    fake.setRateLimit(undefined);
    fake.failNext({ status: 503, times: 1 });
    expect((await post(body)).status).toBe(503);
    expect((await post(body)).status).toBe(200);
    expect(fake.requestCount).toBe(4);
  });
});
