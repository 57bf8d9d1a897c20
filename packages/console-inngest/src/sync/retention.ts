import { evictEmbeddingCache, schema, type Db } from "@repo/console-db";
import { and, isNotNull, lt } from "drizzle-orm";
import type { SyncDeps } from "./deps";
import { nowOf } from "./lease";
import { sweepStaging } from "./stage";

/** How much history cleanup.stale keeps; packages take these as arguments (apps read the env). */
export interface RetentionSettings {
  /** Activity rows older than this are deleted, and recorded bad-signature webhook deliveries too. */
  activityDays: number;
  /** Sync requests already taken by a job, older than this, are deleted. */
  syncRequestDays: number;
  /** The embedding cache keeps at most this many entries (least recently used go first). */
  embeddingCacheMaxEntries: number;
  /** Resolved dead letters older than this are deleted (open ones stay until resolved). */
  deadLetterDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { activityDays: 90, syncRequestDays: 30, embeddingCacheMaxEntries: 1_000_000, deadLetterDays: 30 };

export type RetentionCounts = Record<string, number>;

type Sweep = (db: Db, now: Date, settings: RetentionSettings) => Promise<number>;

const DAY_MS = 86_400_000;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** The workspace-wide sweeps, one entry each. */
const SWEEPS: Record<string, Sweep> = {
  staging: (db) => sweepStaging(db),
  embeddingCache: (db, _now, s) => evictEmbeddingCache(db, s.embeddingCacheMaxEntries),
  syncRequests: async (db, now, s) =>
    (
      await db
        .delete(schema.syncRequests)
        .where(and(isNotNull(schema.syncRequests.consumedByJobId), lt(schema.syncRequests.createdAt, daysBefore(now, s.syncRequestDays))))
        .returning({ id: schema.syncRequests.id })
    ).length,
  activities: async (db, now, s) =>
    (
      await db
        .delete(schema.activities)
        .where(lt(schema.activities.createdAt, daysBefore(now, s.activityDays)))
        .returning({ id: schema.activities.id })
    ).length,
  // One row per forged delivery: without a sweep, abuse would grow the table without bound.
  signatureFailures: async (db, now, s) =>
    (
      await db
        .delete(schema.webhookSignatureFailures)
        .where(lt(schema.webhookSignatureFailures.receivedAt, daysBefore(now, s.activityDays)))
        .returning({ id: schema.webhookSignatureFailures.id })
    ).length,
  deadLetters: async (db, now, s) =>
    (
      await db
        .delete(schema.deadLetters)
        .where(and(isNotNull(schema.deadLetters.resolvedAt), lt(schema.deadLetters.resolvedAt, daysBefore(now, s.deadLetterDays))))
        .returning({ id: schema.deadLetters.id })
    ).length,
};

/** Runs every sweep; returns how many rows each removed. */
export async function sweepRetention(deps: Pick<SyncDeps, "db" | "now" | "retention">): Promise<RetentionCounts> {
  const settings = { ...DEFAULT_RETENTION, ...deps.retention };
  const now = nowOf(deps);
  const counts: RetentionCounts = {};
  for (const [name, sweep] of Object.entries(SWEEPS)) counts[name] = await sweep(deps.db, now, settings);
  return counts;
}
