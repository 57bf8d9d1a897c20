const json = (status: number, error: string) => new Response(JSON.stringify({ status, error }), { status, headers: { "content-type": "application/json" } });

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/** The Host names a request may carry: loopback and the bound host; any, when bound to every interface. */
export function allowedHostsFor(bindHost: string): ReadonlySet<string> | "any" {
  if (bindHost === "0.0.0.0" || bindHost === "::") return "any";
  return new Set([...LOOPBACK, bindHost.includes(":") ? `[${bindHost}]` : bindHost]);
}

/**
 * Why a state-changing request must be refused as a browser's cross-site request, if it must.
 * A web page can make a visitor's browser POST text/plain or form bodies to any address without
 * asking first, and inngest-local has no event key: so every POST must be JSON (which a browser
 * only sends cross-site after a CORS preflight that this server never grants) or a form of its
 * own runs UI (Origin = this server), must not come from a foreign Origin, and must name a
 * loopback Host (a DNS-rebinding page names its own).
 */
export function crossSiteRefusal(request: Request, allowedHosts: ReadonlySet<string> | "any"): Response | undefined {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return undefined;
  const url = new URL(request.url);
  if (allowedHosts !== "any" && !allowedHosts.has(url.hostname)) return json(403, `requests must be addressed to a loopback host, not ${url.hostname}`);
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== url.origin) return json(403, `cross-origin request from ${origin} refused`);
  if (request.headers.get("sec-fetch-site") === "cross-site") return json(403, "cross-site request refused");
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  // Only POST is a "simple" cross-site request (PUT and DELETE always need a CORS preflight); the
  // runs UI's own forms pass too: a browser names this very origin only for a same-origin post.
  if (request.method === "POST" && type !== "application/json" && origin !== url.origin)
    return json(415, "inngest-local accepts JSON bodies only (content-type: application/json), or forms from its own pages");
  return undefined;
}
