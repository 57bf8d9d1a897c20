export * from "./client";
export * from "./events";
export { createFunctions, type FunctionOptions } from "./functions";
export type { SyncDeps, CountingSourceAdapter, ManagedVectorStore } from "./sync/deps";
export { DEFAULT_BATCH_LIMITS, type BatchLimits } from "./sync/batches";
export { queueSyncRequest } from "./sync/requests";
export { connectSource, ensureStore, ensureWorkspace, type SourceSpec, type StoreSpec } from "./sync/catalog";
export { DEFAULT_TARBALL_THRESHOLD } from "./sync/stage";
