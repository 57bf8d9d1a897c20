import type { GitHubEvent } from "./events";
import { parseWebhookPayload } from "./parse-payload";
import { verifyWebhookSignature, type SignatureFailure } from "./verify-signature";

export type WebhookRejection = SignatureFailure | "missing-headers" | "invalid-json" | "invalid-payload";

export type WebhookResult =
  | { ok: true; event: GitHubEvent }
  | {
      ok: false;
      code: WebhookRejection;
      /** HTTP status to answer with: 401 for signature problems, 400 for the rest. */
      status: 400 | 401;
      message: string;
      issues?: string[];
    };

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface ReceiveWebhookInput {
  secret: string;
  headers: HeaderSource;
  /** The body exactly as received; re-serialised JSON would not match the signature. */
  rawBody: string | Uint8Array;
}

/**
 * Verify first, then parse: nothing in an unsigned or forged body is read. Every failure comes
 * back as a typed rejection (none is worth redelivering unchanged); this function never throws.
 */
export async function receiveWebhook(input: ReceiveWebhookInput): Promise<WebhookResult> {
  const signatureFailure = await verifyWebhookSignature(input.secret, input.rawBody, header(input.headers, "x-hub-signature-256"));
  if (signatureFailure) return reject(signatureFailure, 401, SIGNATURE_MESSAGES[signatureFailure]);

  const eventName = header(input.headers, "x-github-event");
  const deliveryId = header(input.headers, "x-github-delivery");
  if (!eventName || !deliveryId) return reject("missing-headers", 400, "X-GitHub-Event and X-GitHub-Delivery are required");

  let payload: unknown;
  try {
    payload = JSON.parse(typeof input.rawBody === "string" ? input.rawBody : Buffer.from(input.rawBody).toString("utf8"));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return reject("invalid-json", 400, `the body is not JSON: ${error.message}`);
  }
  const parsed = parseWebhookPayload(eventName, deliveryId, payload);
  if (parsed.ok) return parsed;
  return { ...reject("invalid-payload", 400, `the ${eventName} payload does not have the expected shape`), issues: parsed.issues };
}

const SIGNATURE_MESSAGES: Record<SignatureFailure, string> = {
  "missing-signature": "X-Hub-Signature-256 is missing (sha1-only signatures are not accepted)",
  "unsupported-signature": "X-Hub-Signature-256 must be `sha256=` followed by 64 hex digits",
  "bad-signature": "the signature does not match the body for the configured secret",
  "invalid-body": "the body is empty or not UTF-8",
};

function reject(code: WebhookRejection, status: 400 | 401, message: string): Extract<WebhookResult, { ok: false }> {
  return { ok: false, code, status, message };
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
}
