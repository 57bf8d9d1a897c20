/** The work a sync actually sent to each service, counted by the fakes. */
export interface SentWork {
  /** Tokens of the embedding requests the provider accepted (its usage figures). */
  embeddingTokens: number;
  /** Embedding requests the provider accepted; a 429 did no work and is not counted. */
  embeddingRequests: number;
  githubRequests: number;
  pineconeRequests: number;
}

/** The limits and latencies the fakes enforce, and the concurrency each service allows. */
export interface ServiceLimits {
  tokensPerMinute: number;
  requestsPerMinute: number;
  githubLatencyMs: number;
  githubConcurrency: number;
  pineconeLatencyMs: number;
  pineconeConcurrency: number;
}

export interface Bound {
  /** Seconds each limit alone forces. */
  parts: { tokens: number; requests: number; github: number; pinecone: number };
  /** The largest part: no schedule of this work can finish sooner. */
  seconds: number;
  limitedBy: keyof Bound["parts"];
}

/**
 * The least wall time the work allows: tokens ÷ TPM and requests ÷ RPM (the provider's budgets),
 * and each service's summed latency spread over its allowed concurrency. The work overlaps, so
 * the bound is the largest of these, not their sum.
 */
export function computeBound(work: SentWork, limits: ServiceLimits): Bound {
  const parts = {
    tokens: (work.embeddingTokens / limits.tokensPerMinute) * 60,
    requests: (work.embeddingRequests / limits.requestsPerMinute) * 60,
    github: (work.githubRequests * limits.githubLatencyMs) / limits.githubConcurrency / 1000,
    pinecone: (work.pineconeRequests * limits.pineconeLatencyMs) / limits.pineconeConcurrency / 1000,
  };
  const limitedBy = (Object.keys(parts) as Array<keyof typeof parts>).reduce((a, b) => (parts[b] > parts[a] ? b : a));
  return { parts, seconds: parts[limitedBy], limitedBy };
}
