/** Request budgets this store keeps; defaults sit under Pinecone's documented limits. */
export interface StoreLimits {
  /** Upsert body size; Pinecone allows 2 MB, read here as 2,000,000 bytes. */
  maxRequestBytes: number;
  maxRecordsPerUpsert: number;
  /** Metadata per record; Pinecone allows 40 KB. The snippet is cut to fit. */
  maxMetadataBytes: number;
  /** Ids per fetch or delete request (Pinecone: 1000). */
  maxIdsPerRequest: number;
  /** Fetch sends ids in the URL; long ids would overflow URL limits before 1000 of them fit. */
  maxFetchQueryChars: number;
  listPageSize: number;
}

export const defaultLimits: StoreLimits = {
  maxRequestBytes: 2_000_000,
  maxRecordsPerUpsert: 1000,
  maxMetadataBytes: 40_000,
  maxIdsPerRequest: 1000,
  maxFetchQueryChars: 6000,
  listPageSize: 100,
};
