import { z } from "zod";

export const FileOutcomeSchema = z.enum(["indexed", "unchanged", "skipped", "failed", "deleted"]);
export type FileOutcome = z.infer<typeof FileOutcomeSchema>;

export const JobStatusSchema = z.enum(["queued", "running", "succeeded", "partial", "failed", "cancelled", "superseded"]);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** What `tributary sync --json` prints and the console shows for a job. */
export const SyncSummarySchema = z.object({
  source: z.string(),
  commit: z.string(),
  status: JobStatusSchema,
  files: z.object({
    seen: z.number().int(),
    indexed: z.number().int(),
    unchanged: z.number().int(),
    deleted: z.number().int(),
    failed: z.number().int(),
    skipped: z.record(z.string(), z.number().int()),
  }),
  chunks: z.object({
    total: z.number().int(),
    embedded: z.number().int(),
    reused: z.number().int(),
  }),
  /** `source`: requests to an item source's service (Linear, Notion, Slack, Vercel); git sources count in `github`. */
  requests: z.object({ embedding: z.number().int(), github: z.number().int(), source: z.number().int().optional() }),
  durationMs: z.number().int(),
});
export type SyncSummary = z.infer<typeof SyncSummarySchema>;
