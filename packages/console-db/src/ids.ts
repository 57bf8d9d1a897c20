import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * A prefixed random id such as `src_4k2x9q…`. Lowercase alphanumerics only, so ids are safe in
 * vector id prefixes (`src_…:`) and in SQL identifiers derived from them (pgvector tables).
 */
export function newId(prefix: string, length = 20): string {
  const bytes = randomBytes(length);
  let body = "";
  for (const byte of bytes) body += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${body}`;
}
