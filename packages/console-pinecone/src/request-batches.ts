import type { PineconeRecord } from "@pinecone-database/pinecone";
import { packBySize } from "./batches";
import { PineconeStoreError } from "./errors";
import type { StoreLimits } from "./limits";

/** Upsert batches measured by the JSON the SDK will send: `{"vectors":[...],"namespace":"..."}`. */
export function planUpsertBatches(records: readonly PineconeRecord[], namespace: string, limits: StoreLimits): PineconeRecord[][] {
  const overhead = Buffer.byteLength(JSON.stringify({ vectors: [], namespace }));
  return packBySize(
    records,
    (record) => Buffer.byteLength(JSON.stringify(record)),
    { maxBytes: limits.maxRequestBytes, maxItems: limits.maxRecordsPerUpsert, overhead },
    (record, size) => {
      throw new PineconeStoreError("upsert", {
        message: `record ${record.id} is ${size} bytes as JSON, more than one ${limits.maxRequestBytes}-byte request can carry`,
        retryable: false,
      });
    },
  );
}

/** Fetch puts ids in the query string (`ids=a&ids=b&namespace=n`), so batches are also cut by length. */
export function planFetchBatches(ids: readonly string[], namespace: string, limits: StoreLimits): string[][] {
  return packBySize(
    ids,
    (id) => `ids=${encodeURIComponent(id)}`.length,
    { maxBytes: limits.maxFetchQueryChars, maxItems: limits.maxIdsPerRequest, overhead: `&namespace=${encodeURIComponent(namespace)}`.length },
    (id) => {
      throw new PineconeStoreError("fetch", { message: `id ${id.slice(0, 80)}… is too long to fetch`, retryable: false });
    },
  );
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
