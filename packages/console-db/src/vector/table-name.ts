import { sha256Hex } from "@repo/console-types";

const SAFE_KEY = /^[a-z0-9_]{1,32}$/;

/**
 * The pgvector table of a store: `vectors_<storeId>` when the id is a plain lowercase identifier
 * (ids from newId are), else `vectors_h<hash>` — always a valid, unquoted-safe name ≤ 41 chars,
 * so derived index names stay under Postgres's 63-character limit.
 */
export function vectorTableName(storeId: string): string {
  const key = SAFE_KEY.test(storeId) ? storeId : `h${sha256Hex(storeId).slice(0, 24)}`;
  return `vectors_${key}`;
}
