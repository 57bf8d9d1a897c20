import { Webhooks } from "@octokit/webhooks";

export type SignatureFailure = "missing-signature" | "unsupported-signature" | "bad-signature" | "invalid-body";

const SHA256_SIGNATURE = /^sha256=[0-9a-f]{64}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Checks `X-Hub-Signature-256` over the exact raw body, before anything parses it. Only sha256 is
 * accepted: a delivery carrying just the legacy sha1 `X-Hub-Signature` is refused.
 * Returns null when the signature is valid, or why it is not.
 */
export async function verifyWebhookSignature(secret: string, rawBody: string | Uint8Array, signature256: string | undefined): Promise<SignatureFailure | null> {
  if (!signature256) return "missing-signature";
  if (!SHA256_SIGNATURE.test(signature256)) return "unsupported-signature";
  const body = typeof rawBody === "string" ? rawBody : decodeUtf8(rawBody);
  // GitHub signs UTF-8 JSON; bytes that are not UTF-8 cannot be what GitHub sent.
  if (body === null) return "invalid-body";
  if (body.length === 0) return "invalid-body";
  const valid = await new Webhooks({ secret }).verify(body, signature256);
  return valid ? null : "bad-signature";
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}
