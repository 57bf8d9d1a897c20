/**
 * Pinecone's documented request limits. Where the docs say "2 MB" or "40 KB" the fake reads them
 * as decimal (2,000,000 and 40,000 bytes), the stricter reading: a client that passes here passes
 * the real service too.
 */
export const PINECONE_LIMITS = {
  maxUpsertRecords: 1000,
  maxRequestBytes: 2_000_000,
  maxMetadataBytes: 40_000,
  maxIdLength: 512,
  maxIdsPerFetchOrDelete: 1000,
  maxListLimit: 100,
  defaultListLimit: 100,
  maxTopK: 10_000,
  /** topK cap when values or metadata are returned. */
  maxTopKWithData: 1000,
  maxDimension: 20_000,
} as const;

/** Real serverless indexes call the unnamed namespace "__default__". */
export const DEFAULT_NAMESPACE = "__default__";

export function namespaceName(namespace: string | undefined): string {
  return namespace ? namespace : DEFAULT_NAMESPACE;
}
