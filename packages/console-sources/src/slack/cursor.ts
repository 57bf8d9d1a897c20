import { z } from "zod";

/**
 * Where a Slack source stands, per channel: the newest ts seen and the versions of the documents
 * inside the rescan window (the only ones an incremental sync re-reads, so the only ones whose
 * edits and deletions it can compare). Older documents change through webhook rechecks or a full sync.
 */
export const SlackCursorSchema = z.object({
  v: z.literal(1),
  channels: z.record(
    z.string(),
    z.object({
      latest: z.string().optional(),
      window: z.record(z.string(), z.string()),
    }),
  ),
});
export type SlackCursor = z.infer<typeof SlackCursorSchema>;

export function readCursor(value: string | undefined): SlackCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = SlackCursorSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: a cursor from another connector version; the caller falls back to a full listing.
    return undefined;
  }
}
