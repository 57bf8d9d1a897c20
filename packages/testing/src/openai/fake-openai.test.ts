import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeOpenAI } from "./fake-openai";
import { countCl100kTokens } from "./tokens";

// Raw HTTP on purpose: the SDK-level behaviour is covered in console-embed; here the fake's own limits.
describe("FakeOpenAI", () => {
  let fake: FakeOpenAI;
  let baseURL: string;
  beforeEach(async () => {
    fake = new FakeOpenAI();
    baseURL = await fake.start();
  });
  afterEach(() => fake.stop());

  const post = (body: unknown, auth = "Bearer sk-test") =>
    fetch(`${baseURL}/embeddings`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify(body) });

  it("embeds deterministically, honours dimensions and reports usage", async () => {
    const res = await post({ model: "text-embedding-3-small", input: ["alpha", "beta"], dimensions: 8, encoding_format: "float" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Array<{ index: number; embedding: number[] }>; usage: { prompt_tokens: number } };
    expect(body.data.map((d) => d.embedding)).toEqual([fake.vectorFor("alpha", { dimensions: 8 }), fake.vectorFor("beta", { dimensions: 8 })]);
    expect(body.usage.prompt_tokens).toBe(countCl100kTokens("alpha") + countCl100kTokens("beta"));
    const full = (await (await post({ model: "text-embedding-3-large", input: "alpha", encoding_format: "float" })).json()) as typeof body;
    expect(full.data[0]!.embedding).toHaveLength(3072);
  });

  it("encodes base64 float32 by default, as the SDK requests it", async () => {
    const body = (await (await post({ model: "text-embedding-3-small", input: "alpha", encoding_format: "base64" })).json()) as {
      data: Array<{ embedding: string }>;
    };
    const buf = Buffer.from(body.data[0]!.embedding, "base64");
    const decoded = Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4));
    expect(decoded).toEqual(fake.vectorFor("alpha"));
    expect(decoded).toHaveLength(1536);
  });

  it("rejects what the service rejects", async () => {
    const model = "text-embedding-3-small";
    expect((await post({ model, input: ["x"] }, "")).status).toBe(401);
    expect((await post({ model, input: Array.from({ length: 2049 }, () => "x") })).status).toBe(400);
    expect((await post({ model, input: Array.from({ length: 2048 }, () => "x") })).status).toBe(200);
    expect((await post({ model, input: ["ok", ""] })).status).toBe(400);
    expect((await post({ model, input: [] })).status).toBe(400);
    const long = "hello".concat(" hello".repeat(8191));
    expect(countCl100kTokens(long)).toBe(8192);
    const tooLong = await post({ model, input: [long] });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { message: string } }).error.message).toContain("8192 tokens");
    const maxed = "hello".concat(" hello".repeat(8190));
    expect((await post({ model, input: [maxed] })).status).toBe(200);
    // 37 inputs of 8191 tokens = 303,067 tokens: each input is fine, the request is not.
    const overTotal = await post({ model, input: Array.from({ length: 37 }, () => maxed) });
    expect(overTotal.status).toBe(400);
    expect(((await overTotal.json()) as { error: { message: string } }).error.message).toContain("max 300000 tokens");
    expect((await post({ model: "text-embedding-ada-002", input: "x", dimensions: 8 })).status).toBe(400);
    expect((await post({ model, input: "x", dimensions: 1537 })).status).toBe(400);
    expect((await post({ model: "gpt-nope", input: "x" })).status).toBe(404);
    expect(fake.calls.map((c) => c.inputs.length)).toEqual([2048, 1]);
  });

  it("counts '<|endoftext|>' as text", async () => {
    const res = await post({ model: "text-embedding-3-small", input: "a <|endoftext|> b" });
    expect(res.status).toBe(200);
    expect(fake.calls[0]!.tokenCounts[0]).toBe(countCl100kTokens("a <|endoftext|> b"));
  });

  it("rate limits with retry-after-ms and x-ratelimit headers; injects faults", async () => {
    fake.setRateLimit({ limit: 1, windowMs: 5_000 });
    const ok = await post({ model: "text-embedding-3-small", input: "x" });
    expect(ok.headers.get("x-ratelimit-limit-requests")).toBe("1");
    expect(ok.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(ok.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+(\.\d+)?(ms|s)$/);
    const limited = await post({ model: "text-embedding-3-small", input: "x" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after-ms"))).toBeGreaterThan(0);
    // The request limit's own 429 reports the budgets too, as OpenAI's does.
    expect(limited.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(limited.headers.get("x-ratelimit-limit-requests")).toBe("1");
    fake.setRateLimit(undefined);
    fake.failNext({ status: 500, times: 2 });
    expect((await post({ model: "text-embedding-3-small", input: "x" })).status).toBe(500);
    expect((await post({ model: "text-embedding-3-small", input: "x" })).status).toBe(500);
    expect((await post({ model: "text-embedding-3-small", input: "x" })).status).toBe(200);
    expect(fake.requestCount).toBe(5);
  });

  it("enforces a tokens-per-window budget", async () => {
    await fake.stop();
    fake = new FakeOpenAI({ tokenLimit: { tokens: 10, windowMs: 60_000 } });
    baseURL = await fake.start();
    const first = await post({ model: "text-embedding-3-small", input: "one two three four five six" });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-remaining-tokens")).toBe("4");
    const second = await post({ model: "text-embedding-3-small", input: "one two three four five six" });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after-ms"))).toBeGreaterThan(0);
    expect(second.headers.get("x-ratelimit-remaining-tokens")).toBe("4");
    expect(second.headers.get("x-ratelimit-reset-tokens")).toMatch(/^\d+(\.\d+)?(ms|s)$/);
  });
});
