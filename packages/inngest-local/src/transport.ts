/** How the executor reaches an app's serve handler: over HTTP, or by calling it in-process. */
export interface Transport {
  request(url: string, init: { method: "POST" | "PUT"; headers: Record<string, string>; body: string }): Promise<TransportResponse>;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** A web-standard handler, e.g. `serve()` from "inngest/edge" or the POST/PUT exports of "inngest/next". */
export type FetchHandler = (request: Request) => Promise<Response>;

export function httpTransport(fetchImpl: typeof fetch = fetch): Transport {
  return {
    async request(url, init) {
      const response = await fetchImpl(url, init);
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
  };
}

/** Calls the serve handler as a function: the SDK's real request handling, without a socket. */
export function inProcessTransport(handler: FetchHandler): Transport {
  return {
    async request(url, init) {
      // Web-API serve handlers resolve the URL against the Host header, as a server would set it.
      const headers = { ...init.headers, host: new URL(url).host };
      const response = await handler(new Request(url, { ...init, headers }));
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
  };
}
