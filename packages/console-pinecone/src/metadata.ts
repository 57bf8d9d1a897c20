import type { RecordMetadata } from "@pinecone-database/pinecone";
import { VectorMetadataSchema, type VectorMetadata } from "@repo/console-types";
import { PineconeStoreError, type PineconeOperation } from "./errors";

const ELLIPSIS = "…";

export function metadataBytes(metadata: RecordMetadata): number {
  return Buffer.byteLength(JSON.stringify(metadata));
}

/**
 * The metadata as Pinecone stores it, within `maxBytes` of JSON: the snippet (then the context)
 * is shortened to the longest prefix that fits, so one huge line never fails an upsert.
 */
export function toPineconeMetadata(id: string, metadata: VectorMetadata, maxBytes: number): RecordMetadata {
  const { context, ...required } = metadata;
  const full: RecordMetadata = context === undefined ? required : { ...required, context };
  if (metadataBytes(full) <= maxBytes) return full;
  const withSnippet = fitField(full, "snippet", maxBytes);
  if (metadataBytes(withSnippet) <= maxBytes) return withSnippet;
  const withContext = context === undefined ? withSnippet : fitField(withSnippet, "context", maxBytes);
  if (metadataBytes(withContext) <= maxBytes) return withContext;
  throw new PineconeStoreError("upsert", {
    message: `metadata of ${id} is ${metadataBytes(withContext)} bytes even with an empty snippet, over the ${maxBytes}-byte limit (path too long?)`,
    retryable: false,
  });
}

/** Binary search for the longest prefix of `field` that keeps the JSON within budget. */
function fitField(metadata: RecordMetadata, field: "snippet" | "context", maxBytes: number): RecordMetadata {
  const text = String(metadata[field] ?? "");
  const withPrefix = (length: number): RecordMetadata => ({ ...metadata, [field]: length === 0 ? "" : cutAt(text, length) + ELLIPSIS });
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (metadataBytes(withPrefix(middle)) <= maxBytes) low = middle;
    else high = middle - 1;
  }
  return withPrefix(low);
}

/** Never leaves half of a surrogate pair at the end. */
function cutAt(text: string, length: number): string {
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

/** Parses what Pinecone returns; a record this store did not write is an error, not a guess. */
export function fromPineconeMetadata(operation: PineconeOperation, id: string, metadata: unknown): VectorMetadata {
  const parsed = VectorMetadataSchema.safeParse(metadata);
  if (parsed.success) return parsed.data;
  throw new PineconeStoreError(operation, {
    message: `record ${id} has metadata this store did not write: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    retryable: false,
  });
}
