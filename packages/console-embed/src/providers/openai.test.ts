import { FakeOpenAI } from "@repo/testing/openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddingError } from "../errors";
import { countCl100k } from "./cl100k";
import { createOpenAIEmbedder, type OpenAIEmbedderOptions } from "./openai";

// Every test goes through the real openai SDK over HTTP to the fake, which enforces the real limits.
describe("createOpenAIEmbedder", () => {
  let fake: FakeOpenAI;
  let baseURL: string;
  beforeEach(async () => {
    fake = new FakeOpenAI();
    baseURL = await fake.start();
  });
  afterEach(() => fake.stop());

  const embedder = (options: Partial<OpenAIEmbedderOptions> = {}) =>
    createOpenAIEmbedder({ apiKey: "sk-test", baseURL, model: "text-embedding-3-small", retry: { baseDelayMs: 5 }, ...options });
  const shortTexts = (n: number, tag = "text") => Array.from({ length: n }, (_, i) => `${tag} number ${i}`);

  it("packs 5,000 short texts into exactly 3 requests (2048 + 2048 + 904) with each text's own vector", async () => {
    const provider = embedder({ dimensions: 256 });
    const texts = shortTexts(5000);
    const vectors = await provider.embed(texts, "document");
    expect(fake.calls.map((c) => c.inputs.length).sort((a, b) => b - a)).toEqual([2048, 2048, 904]);
    expect(fake.requestCount).toBe(3);
    expect(provider.stats).toMatchObject({ requests: 3, retries: 0, texts: 5000 });
    expect(vectors).toHaveLength(5000);
    for (const i of [0, 2047, 2048, 4999]) expect(vectors[i]).toEqual(fake.vectorFor(texts[i]!, { dimensions: 256 }));
    expect(fake.calls.every((c) => c.dimensions === 256)).toBe(true);
  });

  it("uses the model's native dimensions unless told otherwise", async () => {
    const small = embedder();
    expect(small.dimensions).toBe(1536);
    expect((await small.embed(["alpha"], "query"))[0]).toHaveLength(1536);
    const large = embedder({ model: "text-embedding-3-large" });
    expect((await large.embed(["alpha"], "document"))[0]).toEqual(fake.vectorFor("alpha", { model: "text-embedding-3-large", dimensions: 3072 }));
  });

  it("embeds every text through a 429 burst and waits as long as retry-after-ms says", async () => {
    fake.failNext({ status: 429, times: 2, headers: { "retry-after-ms": "120" } });
    const provider = embedder({ concurrency: 1 });
    const vectors = await provider.embed(["alpha", "beta"], "document");
    expect(vectors).toEqual([fake.vectorFor("alpha"), fake.vectorFor("beta")]);
    const log = fake.server.requests;
    expect(log.map((r) => r.status)).toEqual([429, 429, 200]);
    // Arrival of each retry vs. the moment the 429 was sent: a lower bound, so load cannot flake it.
    expect(log[1]!.receivedAt - log[0]!.at).toBeGreaterThanOrEqual(120);
    expect(log[2]!.receivedAt - log[1]!.at).toBeGreaterThanOrEqual(120);
    expect(provider.stats).toMatchObject({ requests: 3, retries: 2, failedRequests: 2 });
  });

  it("honours retry-after in seconds", async () => {
    fake.failNext({ status: 429, times: 1, headers: { "retry-after": "1" } });
    await embedder().embed(["alpha"], "document");
    const [limited, ok] = fake.server.requests;
    expect(ok!.receivedAt - limited!.at).toBeGreaterThanOrEqual(1000);
  });

  it("loses no text when a 429 burst hits concurrent batches", async () => {
    // failNext rather than a time window: the burst must happen however slow the machine is.
    fake.failNext({ status: 429, times: 5, headers: { "retry-after-ms": "30" } });
    const texts = shortTexts(5000, "burst");
    const events: number[] = [];
    const provider = embedder({ dimensions: 32, concurrency: 3, onRequest: (e) => events.push(e.status ?? 200) });
    const vectors = await provider.embed(texts, "document");
    expect(fake.server.count({ status: 429 })).toBe(5);
    // Batches finish in any order; each text must have been accepted exactly once.
    const accepted = fake.calls.flatMap((c) => c.inputs).sort();
    const expected = [...texts].sort();
    expect(accepted.length === expected.length && accepted.every((text, i) => text === expected[i])).toBe(true);
    vectors.forEach((vector, i) => expect(vector).toEqual(fake.vectorFor(texts[i]!, { dimensions: 32 })));
    expect(events.filter((s) => s === 429)).toHaveLength(5);
    expect(provider.stats).toMatchObject({ requests: 8, retries: 5, texts: 5000 });
  });

  it("throws an error naming the texts when the service keeps failing with 500", async () => {
    fake.failNext({ status: 500, times: 1000 });
    const provider = embedder({ retry: { maxAttempts: 3, baseDelayMs: 5 } });
    const error = await provider.embed(["alpha", "beta"], "document").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    const failure = error as EmbeddingError;
    expect(failure).toMatchObject({ retryable: true, status: 500, attempts: 3, indexes: [0, 1], texts: ["alpha", "beta"] });
    expect(failure.message).toContain('"alpha"');
    expect(failure.message).not.toContain("sk-test");
    expect(fake.requestCount).toBe(3);
  });

  it("does not retry a 400, and says a retry will not help", async () => {
    fake.failNext({ status: 400, times: 1, body: { error: { message: "bad input", type: "invalid_request_error" } } });
    const error = (await embedder()
      .embed(["alpha"], "document")
      .catch((e: unknown) => e)) as EmbeddingError;
    expect(error).toMatchObject({ retryable: false, status: 400, attempts: 1 });
    expect(error.message).toContain("retrying will not help");
  });

  it("refuses empty texts before sending anything", async () => {
    const error = (await embedder()
      .embed(["alpha", "", "beta"], "document")
      .catch((e: unknown) => e)) as EmbeddingError;
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ retryable: false, indexes: [1] });
    expect(fake.requestCount).toBe(0);
  });

  it("cuts a text over 8191 tokens to its first 8191 tokens, which the fake accepts", async () => {
    const long = Array.from({ length: 9000 }, (_, i) => `w${i}`).join(" ");
    expect(countCl100k(long)).toBeGreaterThan(8191);
    const [vector] = await embedder().embed([long], "document");
    expect(fake.server.requests.map((r) => r.status)).toEqual([200]);
    const sent = fake.calls[0]!.inputs[0]!;
    expect(long.startsWith(sent)).toBe(true);
    expect(fake.calls[0]!.tokenCounts[0]).toBeLessThanOrEqual(8191);
    expect(fake.calls[0]!.tokenCounts[0]).toBeGreaterThan(8180);
    expect(vector).toEqual(fake.vectorFor(sent));
  });

  it("keeps every request within 300,000 tokens when the texts are long", async () => {
    const texts = Array.from({ length: 80 }, (_, t) => `text${t}`.concat(" hello".repeat(7500)));
    const perText = countCl100k(texts[0]!);
    expect(perText).toBeGreaterThan(7500);
    const vectors = await embedder({ dimensions: 16 }).embed(texts, "document");
    expect(vectors).toHaveLength(80);
    expect(fake.server.count({ status: 400 })).toBe(0);
    // 80 texts of ~7,502 tokens: 39 fit under 300,000, a 40th would not.
    const perRequest = Math.floor(300_000 / perText);
    // Requests complete in any order under concurrency; compare sizes and contents as sets.
    expect(fake.calls.map((c) => c.inputs.length).sort((a, b) => b - a)).toEqual([perRequest, perRequest, 80 - 2 * perRequest]);
    expect(fake.calls.every((c) => c.totalTokens <= 300_000)).toBe(true);
    const accepted = new Set(fake.calls.flatMap((c) => c.inputs));
    expect(accepted.size === texts.length && texts.every((text) => accepted.has(text))).toBe(true);
  });

  it("retries a refused connection and then fails, retryable", async () => {
    await fake.stop();
    const error = (await embedder({ retry: { maxAttempts: 2, baseDelayMs: 5 } })
      .embed(["alpha"], "document")
      .catch((e: unknown) => e)) as EmbeddingError;
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ retryable: true, attempts: 2, texts: ["alpha"] });
  });
});
