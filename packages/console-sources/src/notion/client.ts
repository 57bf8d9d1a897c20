import { Client, LogLevel } from "@notionhq/client";

export interface NotionClientOptions {
  /** An internal integration secret or an OAuth access token. */
  auth: string;
  /** Notion's API origin (https://api.notion.com); the fakes in @repo/testing serve one over HTTP. */
  baseUrl?: string;
  /** The SDK honours 429 retry-after itself; these bound its retries (the last failure surfaces retryable). */
  maxRetries?: number;
  maxRetryDelayMs?: number;
}

/** The official client, with a fetch that counts every HTTP request it makes (retries included). */
export function createNotionClient(options: NotionClientOptions): { client: Client; requestCount: () => number } {
  let requests = 0;
  const countingFetch: typeof fetch = (input, init) => {
    requests += 1;
    return fetch(input, init);
  };
  const client = new Client({
    auth: options.auth,
    baseUrl: options.baseUrl,
    fetch: countingFetch as ConstructorParameters<typeof Client>[0] extends { fetch?: infer F } ? F : never,
    logLevel: LogLevel.ERROR,
    retry: { maxRetries: options.maxRetries ?? 6, maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000 },
  });
  return { client, requestCount: () => requests };
}
