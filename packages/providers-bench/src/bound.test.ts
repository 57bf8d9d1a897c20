import { describe, expect, it } from "vitest";
import { computeBound } from "./bound";

const limits = {
  tokensPerMinute: 1_000_000,
  requestsPerMinute: 3000,
  githubLatencyMs: 100,
  githubConcurrency: 10,
  pineconeLatencyMs: 200,
  pineconeConcurrency: 4,
};

describe("computeBound", () => {
  it("is the slowest of the four limits, not their sum", () => {
    const bound = computeBound({ embeddingTokens: 2_500_000, embeddingRequests: 100, githubRequests: 50, pineconeRequests: 400 }, limits);
    expect(bound.parts).toEqual({ tokens: 150, requests: 2, github: 0.5, pinecone: 20 });
    expect(bound).toMatchObject({ seconds: 150, limitedBy: "tokens" });
  });

  it("is bound by requests when requests are small", () => {
    const bound = computeBound({ embeddingTokens: 60_000, embeddingRequests: 6000, githubRequests: 1, pineconeRequests: 1 }, limits);
    expect(bound).toMatchObject({ seconds: 120, limitedBy: "requests" });
  });
});
