import { Pinecone } from "@pinecone-database/pinecone";
import { limitedFetch } from "@repo/http-limits";
import { rateLimitAwareFetch } from "./rate-limit-fetch";

export interface PineconeConnection {
  apiKey: string;
  /** Control-plane URL; defaults to https://api.pinecone.io. A fake or proxy goes here. */
  controllerHostUrl?: string;
  /** The fetch underneath (default: global fetch). */
  fetch?: typeof fetch;
  /** The SDK's own retries of 5xx responses (SDK default 3). */
  sdkMaxRetries?: number;
  /** Longest silence from Pinecone (before headers, or between body bytes). Default 30 s. */
  timeoutMs?: number;
  /** Largest response accepted. Default 64 MiB (a fetch of 1000 records of 1536 dimensions is ~33 MB). */
  maxResponseBytes?: number;
}

export const PINECONE_DEFAULT_LIMITS = { timeoutMs: 30_000, maxResponseBytes: 64 * 1024 * 1024 } as const;

/**
 * The official client, with a fetch that keeps a 429's retry-after for withRetry and bounds every
 * request's silence and response size (the SDK has neither).
 */
export function createPineconeClient(connection: PineconeConnection): Pinecone {
  return new Pinecone({
    apiKey: connection.apiKey,
    controllerHostUrl: connection.controllerHostUrl,
    fetchApi: rateLimitAwareFetch(
      limitedFetch({
        service: "Pinecone",
        timeoutMs: connection.timeoutMs ?? PINECONE_DEFAULT_LIMITS.timeoutMs,
        maxResponseBytes: connection.maxResponseBytes ?? PINECONE_DEFAULT_LIMITS.maxResponseBytes,
        ...(connection.fetch ? { fetch: connection.fetch } : {}),
      }),
    ),
    maxRetries: connection.sdkMaxRetries,
    sourceTag: "tributary",
  });
}
