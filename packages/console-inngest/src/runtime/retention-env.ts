import { z } from "zod";
import type { RetentionSettings } from "../sync/retention";

/** cleanup.stale's env fragment, composed by each app's env schema (the apps read the env). */
export const RetentionEnvShape = {
  /** Days of activity history kept (default 90). */
  TRIBUTARY_ACTIVITY_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  /** Days a sync request is kept after a job took it (default 30). */
  TRIBUTARY_SYNC_REQUEST_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  /** Embedding cache entries kept, least recently used evicted first (default 1,000,000). */
  TRIBUTARY_EMBEDDING_CACHE_MAX_ENTRIES: z.coerce.number().int().nonnegative().optional(),
  /** Days a resolved dead letter is kept (default 30). */
  TRIBUTARY_DEAD_LETTER_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
};

type RetentionEnv = { [K in keyof typeof RetentionEnvShape]?: number | undefined };

export function retentionSettingsOf(env: RetentionEnv): Partial<RetentionSettings> | undefined {
  const settings: Partial<RetentionSettings> = {
    ...(env.TRIBUTARY_ACTIVITY_RETENTION_DAYS ? { activityDays: env.TRIBUTARY_ACTIVITY_RETENTION_DAYS } : {}),
    ...(env.TRIBUTARY_SYNC_REQUEST_RETENTION_DAYS ? { syncRequestDays: env.TRIBUTARY_SYNC_REQUEST_RETENTION_DAYS } : {}),
    ...(env.TRIBUTARY_DEAD_LETTER_RETENTION_DAYS ? { deadLetterDays: env.TRIBUTARY_DEAD_LETTER_RETENTION_DAYS } : {}),
    ...(env.TRIBUTARY_EMBEDDING_CACHE_MAX_ENTRIES !== undefined ? { embeddingCacheMaxEntries: env.TRIBUTARY_EMBEDDING_CACHE_MAX_ENTRIES } : {}),
  };
  return Object.keys(settings).length > 0 ? settings : undefined;
}
