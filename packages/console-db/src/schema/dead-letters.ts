import { desc, sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, idColumn } from "./columns";
import { sources } from "./sources";

/**
 * Every run of a Tributary function that failed for good (`inngest/function.failed`), one row
 * per run. The triggering event is stored with secrets redacted; `resolvedAt` is set once the
 * source's work it stood for has succeeded (or a retry of it was sent).
 */
export const deadLetters = pgTable(
  "dead_letters",
  {
    id: idColumn("dlq"),
    /** Inngest's run id: the failure event may be delivered twice. */
    runId: text("run_id").notNull().unique(),
    functionId: text("function_id").notNull(),
    sourceId: text("source_id").references(() => sources.id, { onDelete: "cascade" }),
    jobId: text("job_id"),
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    error: text("error").notNull(),
    errorName: text("error_name"),
    attempts: integer("attempts").notNull(),
    retryable: boolean("retryable").notNull(),
    createdAt: createdAt(),
    retriedAt: timestamp("retried_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("dead_letters_open_idx").on(t.sourceId, desc(t.createdAt)).where(sql`${t.resolvedAt} is null`)],
);
