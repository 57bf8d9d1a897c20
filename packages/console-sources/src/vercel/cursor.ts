import { z } from "zod";

/**
 * Where a Vercel source stands: the newest deployment `created` seen (the next sync lists only
 * newer ones), the deployments still building (their state will change, so they are re-read), and
 * each project's updatedAt (a removed project is one missing from the listing).
 */
export const VercelCursorSchema = z.object({
  v: z.literal(1),
  since: z.number().optional(),
  pending: z.record(z.string(), z.string()),
  projects: z.record(z.string(), z.number()),
});
export type VercelCursor = z.infer<typeof VercelCursorSchema>;

export function readVercelCursor(value: string | undefined): VercelCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = VercelCursorSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: an older or foreign cursor; a full listing replaces it.
    return undefined;
  }
}
