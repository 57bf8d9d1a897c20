import { schema } from "@repo/console-db";
import { and, eq, isNull, or, type SQL } from "drizzle-orm";

/**
 * The documents of a source that a plan takes up again although their blob did not change: failed
 * files, indexed files never scanned for secrets (no redactions recorded), skips without a reason.
 * The changed-files plan (plan.ts) and the no-change fast path (unchanged-sync.ts) must agree on
 * this exactly, so both use this one condition.
 */
export function unsettledDocuments(sourceId: string): SQL {
  return and(
    eq(schema.documents.sourceId, sourceId),
    or(
      eq(schema.documents.outcome, "failed"),
      and(eq(schema.documents.outcome, "indexed"), isNull(schema.documents.redactions)),
      and(eq(schema.documents.outcome, "skipped"), isNull(schema.documents.reason)),
    ),
  ) as SQL;
}
