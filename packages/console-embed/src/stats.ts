/** Counters a provider keeps so callers can report `requests.embedding` and the like. */
export interface EmbeddingStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests that were repeats of a failed one. */
  retries: number;
  /** Requests answered with an error or not answered. */
  failedRequests: number;
  /** Texts embedded (successful requests only). */
  texts: number;
  /** Input tokens, as counted locally (OpenAI) or billed (Cohere). */
  tokens: number;
}

export interface EmbeddingRequestEvent {
  provider: string;
  /** 1 for the first try of a batch. */
  attempt: number;
  texts: number;
  ok: boolean;
  /** HTTP status when the request failed with a response. */
  status?: number;
  durationMs: number;
}

export type OnEmbeddingRequest = (event: EmbeddingRequestEvent) => void;

export function emptyStats(): EmbeddingStats {
  return { requests: 0, retries: 0, failedRequests: 0, texts: 0, tokens: 0 };
}
