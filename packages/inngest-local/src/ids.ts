import { createHash, randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A ULID (48-bit ms timestamp + 80 bits of entropy, Crockford base32), the id format Inngest
 * uses for runs and events: its REST API refuses other ids, so a client written against
 * inngest-local works against `inngest dev` and Cloud unchanged.
 */
export function ulid(millis: number, entropy: Uint8Array = randomBytes(10)): string {
  let value = BigInt(Math.floor(millis)) & ((1n << 48n) - 1n);
  for (let i = 0; i < 10; i++) value = (value << 8n) | BigInt(entropy[i] ?? 0);
  let out = "";
  for (let i = 0; i < 26; i++) {
    out = (CROCKFORD[Number(value & 31n)] ?? "0") + out;
    value >>= 5n;
  }
  return out;
}

export const isUlid = (value: string) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value);

/**
 * Event ids from the SDK's `x-inngest-event-id-seed` header ("millis,base64 of 10 bytes"), as
 * Inngest derives them: event i adds i to the last 4 bytes of the entropy. A send retried with
 * the same header yields the same ids, so the retry is recognised as a duplicate.
 * Returns undefined for a missing or malformed seed (Inngest then ignores it too).
 */
export function seededEventIds(header: string | null, count: number): string[] | undefined {
  const parts = header?.split(",");
  if (parts?.length !== 2) return undefined;
  const millis = Number(parts[0]);
  const entropy = Buffer.from(parts[1] ?? "", "base64");
  if (!Number.isInteger(millis) || millis <= 0 || entropy.length !== 10) return undefined;
  return Array.from({ length: count }, (_, index) => {
    const bytes = Buffer.from(entropy);
    bytes.writeUInt32BE((bytes.readUInt32BE(6) + index) >>> 0, 6);
    return ulid(millis, bytes);
  });
}

/** A stable UUID for a function slug: Inngest sends functions' internal UUIDs as `ctx.fn_id`. */
export function functionUuid(slug: string): string {
  const hex = createHash("sha1").update(`inngest-local:${slug}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
