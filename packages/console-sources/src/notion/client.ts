import { Client, LogLevel } from "@notionhq/client";

type NotionFetch = NonNullable<NonNullable<ConstructorParameters<typeof Client>[0]>["fetch"]>;

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
  const countingFetch: NotionFetch = (url, init) => {
    requests += 1;
    return fetch(url, init as RequestInit);
  };
  const client = new Client({
    auth: options.auth,
    baseUrl: options.baseUrl,
    fetch: countingFetch,
    logLevel: LogLevel.ERROR,
    retry: { maxRetries: options.maxRetries ?? 6, maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000 },
  });
  return { client, requestCount: () => requests };
}
