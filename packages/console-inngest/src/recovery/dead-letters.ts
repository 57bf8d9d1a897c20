import { schema, type Db } from "@repo/console-db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { redactEvent } from "./redact-event";

/** The data of Inngest's `inngest/function.failed` event (the same on Cloud, the dev server and inngest-local). */
export const FunctionFailedSchema = z.object({
  function_id: z.string(),
  run_id: z.string(),
  error: z.object({ name: z.string().optional(), message: z.string().optional() }).passthrough(),
  event: z.object({ name: z.string(), data: z.record(z.string(), z.unknown()).optional() }).passthrough(),
});
export type FunctionFailed = z.infer<typeof FunctionFailedSchema>;

/** Inngest's default when a function sets no `retries`. */
const DEFAULT_RETRIES = 4;

const NON_RETRIABLE_NAMES = new Set(["NonRetriableError", "SupersededError"]);

/**
 * Records one failed run, once however often its failure event arrives. The source and job come
 * from the triggering event's ids (a batch names its job); `attempts` from the function's retry
 * budget, which a non-retriable error cuts to one.
 */
export async function recordDeadLetter(
  db: Db,
  failed: FunctionFailed,
  retriesOf: (functionId: string) => number | undefined,
): Promise<{ id: string; sourceId: string | null; jobId: string | null } | null> {
  const data = failed.event.data ?? {};
  const text = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : null);
  let jobId = text("jobId");
  let sourceId = text("sourceId");
  const batchId = text("batchId");
  if (!jobId && batchId) {
    const [batch] = await db.select({ jobId: schema.syncBatches.jobId }).from(schema.syncBatches).where(eq(schema.syncBatches.id, batchId));
    jobId = batch?.jobId ?? null;
  }
  if (!sourceId && jobId) {
    const [job] = await db.select({ sourceId: schema.syncJobs.sourceId }).from(schema.syncJobs).where(eq(schema.syncJobs.id, jobId));
    sourceId = job?.sourceId ?? null;
  }
  if (sourceId) {
    const [source] = await db.select({ id: schema.sources.id }).from(schema.sources).where(eq(schema.sources.id, sourceId));
    if (!source) sourceId = null;
  }
  const errorName = failed.error.name ?? null;
  const retryable = !NON_RETRIABLE_NAMES.has(errorName ?? "");
  const [row] = await db
    .insert(schema.deadLetters)
    .values({
      runId: failed.run_id,
      functionId: failed.function_id,
      sourceId,
      jobId,
      event: redactEvent({ name: failed.event.name, data }) as Record<string, unknown>,
      error: String(redactEvent(failed.error.message ?? "unknown error")),
      errorName,
      attempts: retryable ? (retriesOf(failed.function_id) ?? DEFAULT_RETRIES) + 1 : 1,
      retryable,
    })
    .onConflictDoNothing()
    .returning({ id: schema.deadLetters.id });
  return row ? { id: row.id, sourceId, jobId } : null;
}

/** A successful sync of the source covers whatever its failed runs left undone. */
export async function resolveDeadLetters(db: Db, sourceId: string, now: Date): Promise<number> {
  const rows = await db
    .update(schema.deadLetters)
    .set({ resolvedAt: now })
    .where(and(eq(schema.deadLetters.sourceId, sourceId), isNull(schema.deadLetters.resolvedAt)))
    .returning({ id: schema.deadLetters.id });
  return rows.length;
}

export async function listOpenDeadLetters(db: Db, sourceId?: string) {
  return db
    .select()
    .from(schema.deadLetters)
    .where(and(isNull(schema.deadLetters.resolvedAt), sourceId ? eq(schema.deadLetters.sourceId, sourceId) : undefined));
}
