import { Pinecone } from "@pinecone-database/pinecone";
import { rateLimitAwareFetch } from "./rate-limit-fetch";

export interface PineconeConnection {
  apiKey: string;
  /** Control-plane URL; defaults to https://api.pinecone.io. A fake or proxy goes here. */
  controllerHostUrl?: string;
  /** The fetch underneath (default: global fetch). */
  fetch?: typeof fetch;
  /** The SDK's own retries of 5xx responses (SDK default 3). */
  sdkMaxRetries?: number;
}

/** The official client, with a fetch that keeps a 429's retry-after for withRetry. */
export function createPineconeClient(connection: PineconeConnection): Pinecone {
  return new Pinecone({
    apiKey: connection.apiKey,
    controllerHostUrl: connection.controllerHostUrl,
    fetchApi: rateLimitAwareFetch(connection.fetch),
    maxRetries: connection.sdkMaxRetries,
    sourceTag: "tributary",
  });
}
