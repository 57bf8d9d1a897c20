import { schema, type Db } from "@repo/console-db";
import { MIN_SYNC_INTERVAL_MINUTES } from "@repo/console-content";
import { and, eq, ne } from "drizzle-orm";

export const MAX_SYNC_INTERVAL_MINUTES = 7 * 24 * 60;

/**
 * Sets a source's schedule interval (the console's setting; a tributary.yml `schedule:` still
 * wins). Returns false for an unknown or removed source; throws on an interval out of range.
 */
export async function setSyncInterval(db: Db, workspaceId: string, sourceId: string, minutes: number): Promise<boolean> {
  if (!Number.isInteger(minutes) || minutes < MIN_SYNC_INTERVAL_MINUTES || minutes > MAX_SYNC_INTERVAL_MINUTES) {
    throw new RangeError(`the interval must be a whole number of minutes from ${MIN_SYNC_INTERVAL_MINUTES} to ${MAX_SYNC_INTERVAL_MINUTES}`);
  }
  const updated = await db
    .update(schema.sources)
    .set({ syncIntervalMinutes: minutes })
    .where(and(eq(schema.sources.id, sourceId), eq(schema.sources.workspaceId, workspaceId), ne(schema.sources.status, "removed")))
    .returning({ id: schema.sources.id });
  return updated.length > 0;
}
