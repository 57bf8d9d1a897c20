import { createHmac } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * X-Inngest-Signature as Inngest computes it (inngest-js: helpers/net.js `signDataWithKey`,
 * checked by `RequestSignature` in components/InngestCommHandler.js): HMAC-SHA256, keyed with
 * the signing key minus its `signkey-<env>-` prefix, over the canonical JSON of the parsed body
 * followed by the unix timestamp; sent as `t=<ts>&s=<hex>`.
 */
export function inngestSignature(body: string, signingKey: string, at = new Date()): string {
  const ts = String(Math.round(at.getTime() / 1000));
  const canonical = body ? (canonicalize(JSON.parse(body)) ?? "") : "";
  const mac = createHmac("sha256", signingKey.replace(/^signkey-[\w]+-/, ""))
    .update(canonical)
    .update(ts)
    .digest("hex");
  return `t=${ts}&s=${mac}`;
}
