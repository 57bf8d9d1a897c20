export { createPineconeClient, type PineconeConnection } from "./client";
export { ensureIndex, type EnsureIndexSpec } from "./ensure-index";
export { PineconeStoreError, type PineconeFailure, type PineconeOperation } from "./errors";
export { defaultLimits, type StoreLimits } from "./limits";
export type { PineconeVectorStoreOptions } from "./options";
export { createPineconeVectorStore, type PineconeVectorStore } from "./pinecone-vector-store";
export { defaultRetryPolicy, type RetryPolicy } from "./retry";
