import { schema, type Db, type SourceRow } from "@repo/console-db";
import { DEFAULT_SYNC_INTERVAL_MINUTES, MIN_SYNC_INTERVAL_MINUTES } from "@repo/console-content";
import { sha256Hex } from "@repo/console-types";
import { and, eq, inArray } from "drizzle-orm";

type ScheduledSource = Pick<
  SourceRow,
  "id" | "status" | "syncIntervalMinutes" | "config" | "syncedAt" | "scheduleCheckedAt" | "leaseHolder" | "leaseExpiresAt" | "createdAt"
>;

export interface SourceSchedule {
  intervalMinutes: number;
  /** Where the interval comes from: the repository's tributary.yml wins over the source setting. */
  intervalFrom: "tributary.yml" | "settings";
  /** When schedule.sync next looks at the source; null for a source that is not active. */
  nextRunAt: Date | null;
}

const MAX_JITTER_MS = 5 * 60_000;

/**
 * How long a new source waits for its connect sync before schedule.sync queues one itself: the
 * connect sync normally holds the source within seconds, and a tick in between must not queue a
 * second full sync; a connect event that was lost is healed by the first tick after this.
 */
export const CONNECT_GRACE_MS = 10 * 60_000;

/** The interval in effect: tributary.yml's `schedule.intervalMinutes`, else the setting; never below 5. */
export function effectiveInterval(source: Pick<SourceRow, "syncIntervalMinutes" | "config">): Pick<SourceSchedule, "intervalMinutes" | "intervalFrom"> {
  const fromFile = (source.config?.schedule as { intervalMinutes?: unknown } | undefined)?.intervalMinutes;
  if (typeof fromFile === "number") return { intervalMinutes: Math.max(MIN_SYNC_INTERVAL_MINUTES, fromFile), intervalFrom: "tributary.yml" };
  return { intervalMinutes: Math.max(MIN_SYNC_INTERVAL_MINUTES, source.syncIntervalMinutes || DEFAULT_SYNC_INTERVAL_MINUTES), intervalFrom: "settings" };
}

/**
 * A stable per-source phase: each source comes due up to 10% of its interval (at most 5 min)
 * early, so sources connected together spread over ticks instead of firing at once; early, never
 * late, so no source waits longer than its interval plus one tick.
 */
export function jitterMs(sourceId: string, intervalMinutes: number): number {
  const span = Math.min(MAX_JITTER_MS, intervalMinutes * 6_000);
  return Number.parseInt(sha256Hex(sourceId).slice(0, 8), 16) % Math.max(1, span);
}

/** When the source is next due: its interval (minus its jitter) after the last sync or check. */
export function scheduleOf(source: ScheduledSource): SourceSchedule {
  const interval = effectiveInterval(source);
  if (source.status !== "active") return { ...interval, nextRunAt: null };
  const last = Math.max(source.syncedAt?.getTime() ?? 0, source.scheduleCheckedAt?.getTime() ?? 0);
  // Never synced nor checked: due when the connect sync should have taken it (CONNECT_GRACE_MS).
  const next =
    last === 0 ? source.createdAt.getTime() + CONNECT_GRACE_MS : last + interval.intervalMinutes * 60_000 - jitterMs(source.id, interval.intervalMinutes);
  return { ...interval, nextRunAt: new Date(next) };
}

/**
 * Active sources due at `now` that no live sync holds. A held source is skipped: its sync already
 * converges on the head and takes any request queued meanwhile. A holder whose lease expired is
 * presumed dead, so the source is due: the sync queued for it takes the source over.
 */
export async function sourcesDueForSync(db: Db, now: Date, among?: readonly string[]): Promise<SourceRow[]> {
  const active = await db
    .select()
    .from(schema.sources)
    .where(and(eq(schema.sources.status, "active"), among ? inArray(schema.sources.id, [...among]) : undefined));
  return active.filter((source) => {
    if (source.leaseHolder && source.leaseExpiresAt && source.leaseExpiresAt > now) return false;
    const { nextRunAt } = scheduleOf(source);
    return nextRunAt !== null && nextRunAt <= now;
  });
}
