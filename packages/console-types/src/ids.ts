import { createHash } from "node:crypto";

// Vector ids are `${sourceId}:${documentKey}:${chunkHash16}:${ordinal}` so a source's or a
// document's vectors can be listed by prefix without a metadata filter (Pinecone listPaginated).

export function sha256Hex(input: string | Uint8Array): string {
  return createHash("sha256").update(input).digest("hex");
}

/** Stable key of a path within a source; the path itself may be long or contain ":". */
export function documentKey(path: string): string {
  return sha256Hex(path).slice(0, 24);
}

export function sourceVectorPrefix(sourceId: string): string {
  return `${sourceId}:`;
}

export function documentVectorPrefix(sourceId: string, path: string): string {
  return `${sourceId}:${documentKey(path)}:`;
}

/** `ordinal` tells apart identical chunks within one document (the n-th occurrence of a hash). */
export function vectorId(sourceId: string, path: string, chunkHash: string, ordinal = 0): string {
  return `${documentVectorPrefix(sourceId, path)}${chunkHash.slice(0, 16)}:${ordinal}`;
}
