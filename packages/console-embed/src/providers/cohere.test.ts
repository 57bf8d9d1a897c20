import { FakeCohere } from "@repo/testing/cohere";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddingError } from "../errors";
import { createCohereEmbedder, type CohereEmbedderOptions } from "./cohere";

// Every test goes through the real cohere-ai CohereClientV2 over HTTP to the fake.
describe("createCohereEmbedder", () => {
  let fake: FakeCohere;
  let baseUrl: string;
  beforeEach(async () => {
    fake = new FakeCohere();
    baseUrl = await fake.start();
  });
  afterEach(() => fake.stop());

  const embedder = (options: Partial<CohereEmbedderOptions> = {}) =>
    createCohereEmbedder({ token: "co-test", baseUrl, model: "embed-v4.0", dimensions: 256, retry: { baseDelayMs: 5 }, ...options });
  const shortTexts = (n: number, tag = "text") => Array.from({ length: n }, (_, i) => `${tag} number ${i}`);
  const v4 = { model: "embed-v4.0", dimensions: 256 };

  it("sends 5,000 texts in exactly 53 calls of at most 96, as documents", async () => {
    const provider = embedder();
    const texts = shortTexts(5000);
    const vectors = await provider.embed(texts, "document");
    expect(fake.requestCount).toBe(53);
    expect(fake.calls.map((c) => c.texts.length).sort((a, b) => b - a)).toEqual([...Array.from({ length: 52 }, () => 96), 8]);
    expect(fake.calls.every((c) => c.inputType === "search_document" && c.truncate === "END" && c.dimensions === 256)).toBe(true);
    for (const i of [0, 95, 96, 4999]) expect(vectors[i]).toEqual(fake.vectorFor(texts[i]!, { ...v4, inputType: "search_document" }));
    expect(provider.stats).toMatchObject({ requests: 53, texts: 5000 });
  });

  it("embeds queries as search_query, and v3 models at 1024 dimensions", async () => {
    const provider = embedder({ model: "embed-english-v3.0", dimensions: undefined });
    expect(provider.dimensions).toBe(1024);
    const [vector] = await provider.embed(["where are retries handled"], "query");
    expect(fake.calls[0]!.inputType).toBe("search_query");
    expect(vector).toEqual(fake.vectorFor("where are retries handled", { model: "embed-english-v3.0", inputType: "search_query" }));
  });

  it("embeds every text through a 429 burst and waits as long as retry-after-ms says", async () => {
    fake.failNext({ status: 429, times: 2, headers: { "retry-after-ms": "120" } });
    const provider = embedder({ concurrency: 1 });
    const vectors = await provider.embed(["alpha", "beta"], "document");
    expect(vectors[1]).toEqual(fake.vectorFor("beta", { ...v4, inputType: "search_document" }));
    const log = fake.server.requests;
    expect(log.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(log[1]!.receivedAt - log[0]!.at).toBeGreaterThanOrEqual(120);
    expect(log[2]!.receivedAt - log[1]!.at).toBeGreaterThanOrEqual(120);
    expect(provider.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it("loses no text when a 429 burst hits concurrent calls", async () => {
    // failNext rather than a time window: the burst must happen however slow the machine is.
    fake.failNext({ status: 429, times: 6, headers: { "retry-after-ms": "30" } });
    const texts = shortTexts(1000, "burst");
    const vectors = await embedder({ concurrency: 4 }).embed(texts, "document");
    expect(fake.server.count({ status: 429 })).toBe(6);
    expect(fake.requestCount).toBe(11 + 6);
    // Calls finish in any order; each text must have been accepted exactly once.
    expect(fake.calls.flatMap((c) => c.texts).sort()).toEqual([...texts].sort());
    vectors.forEach((vector, i) => expect(vector).toEqual(fake.vectorFor(texts[i]!, { ...v4, inputType: "search_document" })));
  });

  it("throws an error naming the texts when the service keeps failing with 500", async () => {
    fake.failNext({ status: 500, times: 1000 });
    const error = (await embedder({ retry: { maxAttempts: 3, baseDelayMs: 5 } })
      .embed(["alpha", "beta"], "document")
      .catch((e: unknown) => e)) as EmbeddingError;
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ retryable: true, status: 500, attempts: 3, texts: ["alpha", "beta"] });
    expect(error.message).toContain('"beta"');
    expect(error.message).not.toContain("co-test");
    // 3 attempts, 3 requests: the SDK's own retries are off, the batcher owns the policy.
    expect(fake.requestCount).toBe(3);
  });

  it("sends no outputDimension to a v3 model given its native size (as a store records it), and refuses another size", async () => {
    const provider = embedder({ model: "embed-english-v3.0", dimensions: 1024 });
    const [vector] = await provider.embed(["alpha"], "document");
    // The fake answers 400 to output_dimension on a v3 model, as Cohere does.
    expect(vector).toHaveLength(1024);
    expect(() => embedder({ model: "embed-english-v3.0", dimensions: 256 })).toThrow(/1024 dimensions only/);
    expect(() => embedder({ model: "embed-v4.0", dimensions: 300 })).toThrow(/256, 512, 1024, 1536/);
  });

  it("truncates explicitly, and with truncate NONE an over-long text fails without retries", async () => {
    const long = "word ".repeat(700);
    const v3 = { model: "embed-english-v3.0", dimensions: undefined };
    await embedder(v3).embed([long], "document");
    expect(fake.calls[0]!.truncate).toBe("END");
    const error = (await embedder({ ...v3, truncate: "NONE" })
      .embed([long], "document")
      .catch((e: unknown) => e)) as EmbeddingError;
    expect(error).toMatchObject({ retryable: false, status: 400, attempts: 1 });
    expect(error.reason).toContain("maximum of 512");
  });
});
