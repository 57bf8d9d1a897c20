export * from "./client";
export * from "./events";
export { createFunctions, type FunctionOptions } from "./functions";
export type { SyncDeps, CountingSourceAdapter, ManagedVectorStore } from "./sync/deps";
export { DEFAULT_BATCH_LIMITS, type BatchLimits } from "./sync/batches";
export { queueSyncRequest } from "./sync/requests";
export { removeSource } from "./sync/remove-source";
export { DEFAULT_TIMING, type SyncTiming } from "./sync/lease";
export { DEFAULT_WRITE_SIZES, SHARED_CONNECTION_WRITE_SIZES, type WriteSizes } from "./sync/write-sizes";
export {
  connectedEvent,
  connectSource,
  ensureStore,
  ensureWorkspace,
  pauseSources,
  renameRepositorySources,
  type SourceSpec,
  type StoreSpec,
} from "./sync/catalog";
export { DEFAULT_TARBALL_THRESHOLD } from "./sync/stage";
export { createSyncDeps, type RuntimeConfig, type EmbeddingConfig } from "./runtime/create-deps";
export { startEmbeddedRuntime, type EmbeddedRuntime, type EmbeddedRuntimeOptions } from "./runtime/embedded";
export { storeSpecFor, LOCAL_MODEL, LOCAL_DIMENSIONS } from "./runtime/store-spec";
export type { PineconeConfig } from "./runtime/pinecone";
export type { SourceRow, StoreRow, SyncJobRow } from "@repo/console-db";
export { searchIndex, type SearchHit, type SearchMode, type SearchOptions } from "./runtime/search";
export { jobIdOfRun, listJobRuns, recordJobRun, type JobRunRef } from "./runtime/job-runs";
export { serveNext } from "./serve";
export { queueRetryOfFailedWork, sourcesWithFailedWork, type RetryRequest } from "./recovery/retry-failed";
export { listOpenDeadLetters } from "./recovery/dead-letters";
export { DEFAULT_RECOVERY, type RecoveryPolicy } from "./recovery/plan-recovery";
export { ALERT_KINDS, type AlertKind } from "./alerts/store";
export { DEFAULT_ALERT_RULES, type AlertRules } from "./alerts/rules";
export { signBody, SIGNATURE_HEADER, type AlertWebhook } from "./alerts/notify";
export { recordSignatureFailure } from "./alerts/signature-failures";
export { readMetricFigures, type MetricFigures, type SourceFigures } from "./metrics/figures";
export { sweepRetention, DEFAULT_RETENTION, type RetentionSettings } from "./sync/retention";
export { scheduleOf, effectiveInterval, type SourceSchedule } from "./sync/schedule";
export { setSyncInterval } from "./sync/set-interval";
export { RetentionEnvShape, retentionSettingsOf } from "./runtime/retention-env";
export { embeddingConfigOf, serviceConfigOf, type ServiceConfig, type ServiceEnv } from "./runtime/runtime-env";
export { stageSpans, stageTimings, type PipelineStage, type StageSpan } from "./sync/stage-timings";
export { closeCpuPool, configureCpuPool, cpuPool, CpuWorkerError, type CpuPool, type WorkerMemory } from "./cpu/cpu-pool";
export { documentCountsBySource, getJob, getSource, lastJobBySource, latestJob, listSources, type DocumentCounts, type LastJob } from "./queries/sources";
export { readJobProgress, type JobProgress } from "./queries/job-progress";
export { connectItemSource, checkItemCredential, itemSourceSpec, requireItemTarget, type ConnectItemSourceInput } from "./items/connect";
export { queueItemSyncs, sourcesForWebhook, type ItemSyncRequest } from "./items/webhook";
export {
  ITEM_PROVIDER_REGISTRY,
  isItemProvider,
  parseItemTarget,
  createItemConnector,
  type ItemScope,
  type ItemSourcesConfig,
  type ItemWebhookSpec,
} from "./items/registry";
export { sealCredential, openCredential } from "./items/credentials";
export { ItemProviderSettingsShape, ItemSourcesEnvShape, ItemWebhookSecretsEnvShape, itemSettingsShape, itemSourcesConfigOf } from "./runtime/items-env";
