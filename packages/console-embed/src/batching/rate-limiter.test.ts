import { FakeOpenAI, type FakeOpenAIOptions } from "@repo/testing/openai";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenAIEmbedder } from "../providers/openai";
import { systemClock } from "./clock";
import { ProviderRateLimiter } from "./rate-limiter";

// Many embedders of one process sharing one limiter, through the real SDK against the fake's limits.
describe("ProviderRateLimiter against the OpenAI fake", () => {
  let fake: FakeOpenAI | undefined;
  afterEach(() => fake?.stop());

  async function start(options: FakeOpenAIOptions) {
    fake = new FakeOpenAI(options);
    const baseURL = await fake.start();
    const limiter = new ProviderRateLimiter(systemClock);
    // A new embedder per call, as each batch of a sync gets one; only the limiter is shared.
    const embed = (texts: string[]) =>
      createOpenAIEmbedder({ apiKey: "sk-test", baseURL, model: "text-embedding-3-small", dimensions: 8, limiter, retry: { baseDelayMs: 5 } }).embed(
        texts,
        "document",
      );
    // What the limiter let go and when it was told to stop, on its own clock.
    const grants: number[] = [];
    const pauses: Array<{ from: number; until: number }> = [];
    const acquire = limiter.acquire.bind(limiter);
    limiter.acquire = async (tokens) => acquire(tokens).finally(() => grants.push(Date.now()));
    const pauseFor = limiter.pauseFor.bind(limiter);
    limiter.pauseFor = (ms) => {
      pauses.push({ from: Date.now(), until: Date.now() + ms });
      pauseFor(ms);
    };
    return { fake, baseURL, embed, grants, pauses };
  }

  const texts = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} text number ${i}`);

  it("keeps to the request budget the headers report: 24 concurrent calls at 4 per 400 ms get no 429", async () => {
    const { fake, embed } = await start({ rateLimit: { limit: 4, windowMs: 400 }, latencyMs: 20 });
    const inputs = texts(24, "rpm");
    const vectors = await Promise.all(inputs.map((text) => embed([text])));
    expect(fake.server.count({ status: 429 })).toBe(0);
    expect(fake.calls).toHaveLength(24);
    expect(vectors.map((v) => v[0])).toEqual(inputs.map((text) => fake.vectorFor(text, { dimensions: 8 })));
  });

  it("keeps to the token budget: calls worth 3 windows of tokens wait for each reset instead of getting 429s", async () => {
    const { fake, embed } = await start({ tokenLimit: { tokens: 200, windowMs: 400 }, latencyMs: 20 });
    const calls = Array.from({ length: 12 }, (_, i) => texts(5, `tpm${i}`));
    const started = Date.now();
    await Promise.all(calls.map((batch) => embed(batch)));
    const tokens = fake.calls.reduce((n, c) => n + c.totalTokens, 0);
    expect(tokens).toBeGreaterThan(400);
    expect(fake.server.count({ status: 429 })).toBe(0);
    // It waited for the windows it needed, and not for many more.
    const windows = Math.ceil(tokens / 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual((windows - 1) * 400 - 50);
    expect(Date.now() - started).toBeLessThan((windows + 2) * 400);
  });

  it("recovers from a 429 storm without losing a text, and holds every call back for the named wait", async () => {
    const { fake, embed, grants, pauses } = await start({ latencyMs: 10 });
    fake.failNext({
      status: 429,
      times: 6,
      headers: { "retry-after-ms": "300" },
      body: { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } },
    });
    const calls = Array.from({ length: 10 }, (_, i) => texts(3, `storm${i}`));
    const vectors = await Promise.all(calls.map((batch) => embed(batch)));
    expect(vectors.flat()).toEqual(calls.flat().map((text) => fake.vectorFor(text, { dimensions: 8 })));
    expect(fake.server.count({ status: 429 })).toBe(6);
    expect(pauses).toHaveLength(6);
    expect(grants.filter((t) => pauses.some((p) => t > p.from && t < p.until - 1))).toEqual([]);
  });

  it("says how long the next call would wait for the token budget, without spending it", async () => {
    const { fake, baseURL } = await start({ tokenLimit: { tokens: 20, windowMs: 2000 }, latencyMs: 5 });
    const limiter = new ProviderRateLimiter(systemClock);
    const embedder = createOpenAIEmbedder({ apiKey: "sk-test", baseURL, model: "text-embedding-3-small", dimensions: 8, limiter });
    const batch = texts(3, "budget");
    // Nothing is known before the first answer: no wait.
    expect(embedder.budgetWaitMs?.(batch)).toBe(0);
    await embedder.embed(batch, "document");
    const used = fake.calls[0]!.totalTokens;
    expect(used).toBeGreaterThan(10);
    // The window has 20 − used tokens left, fewer than another call of the same size needs: it
    // would wait for the reset (≤ 2 s), and asking twice gives the same answer (nothing reserved).
    const wait = embedder.budgetWaitMs?.(batch) ?? 0;
    expect(wait).toBeGreaterThan(1000);
    expect(wait).toBeLessThanOrEqual(2000);
    expect(embedder.budgetWaitMs?.(batch)).toBeLessThanOrEqual(wait);
    expect(embedder.budgetWaitMs?.(batch)).toBeGreaterThan(wait - 500);
    // A text small enough for what is left goes now.
    expect(embedder.budgetWaitMs?.(["x"])).toBe(0);
  });
});
