import type { EmbeddingKind, EmbeddingProvider } from "@repo/console-types";
import { describe, expect, it } from "vitest";
import { EmbeddingError } from "../errors";
import { MemoryEmbeddingCache } from "./memory-embedding-cache";
import { withEmbeddingCache } from "./with-embedding-cache";

// An in-process provider that records its calls; the SDK-backed paths are tested against the fakes.
function recordingProvider(failOn?: string): EmbeddingProvider & { calls: Array<{ texts: string[]; kind: EmbeddingKind }> } {
  const calls: Array<{ texts: string[]; kind: EmbeddingKind }> = [];
  return {
    id: "recording",
    model: "m1",
    dimensions: 1,
    calls,
    async embed(texts, kind) {
      calls.push({ texts: [...texts], kind });
      const failed = texts.flatMap((t, i) => (t === failOn ? [i] : []));
      if (failed.length > 0) {
        const embedded = new Map<number, number[]>(texts.flatMap((t, i): Array<[number, number[]]> => (t === failOn ? [] : [[i, [t.length]]])));
        throw new EmbeddingError({ provider: "recording", retryable: true, indexes: failed, texts: failed.map((i) => texts[i]!), reason: "boom", embedded });
      }
      return texts.map((t) => [t.length]);
    },
  };
}

describe("withEmbeddingCache", () => {
  it("embeds each distinct missing text once and serves repeats from the cache", async () => {
    const inner = recordingProvider();
    const cached = withEmbeddingCache(inner, new MemoryEmbeddingCache());
    expect(await cached.embed(["aa", "b", "aa"], "document")).toEqual([[2], [1], [2]]);
    expect(await cached.embed(["b", "ccc"], "document")).toEqual([[1], [3]]);
    expect(inner.calls.map((c) => c.texts)).toEqual([["aa", "b"], ["ccc"]]);
    expect(cached.stats).toEqual({ hits: 1, misses: 3 });
  });

  it("keys by provider, model and dimensions", async () => {
    const cache = new MemoryEmbeddingCache();
    await withEmbeddingCache(recordingProvider(), cache).embed(["x"], "document");
    const other = { ...recordingProvider(), model: "m2" };
    const otherCached = withEmbeddingCache(other, cache);
    await otherCached.embed(["x"], "document");
    expect(otherCached.stats.misses).toBe(1);
    expect(cache.size).toBe(2);
  });

  it("sends queries straight to the provider", async () => {
    const inner = recordingProvider();
    const cached = withEmbeddingCache(inner, new MemoryEmbeddingCache());
    await cached.embed(["q"], "query");
    await cached.embed(["q"], "query");
    expect(inner.calls).toEqual([{ texts: ["q"], kind: "query" }, { texts: ["q"], kind: "query" }]);
  });

  it("keeps what was embedded before a failure and names the caller's positions of the failed text", async () => {
    const inner = recordingProvider("bad");
    const cache = new MemoryEmbeddingCache();
    const cached = withEmbeddingCache(inner, cache);
    const error = (await cached.embed(["ok", "bad", "fine", "bad"], "document").catch((e: unknown) => e)) as EmbeddingError;
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ indexes: [1, 3], texts: ["bad", "bad"], retryable: true });
    expect(cache.size).toBe(2);
    await cached.embed(["ok", "fine"], "document");
    expect(inner.calls).toHaveLength(1);
  });
});
