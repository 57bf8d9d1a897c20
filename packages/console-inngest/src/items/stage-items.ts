import { schema } from "@repo/console-db";
import { redactSecrets } from "@repo/console-github";
import type { ConnectorItem } from "@repo/console-types";
import { and, eq, sql } from "drizzle-orm";
import type { JobContext } from "../sync/context";
import type { SyncDeps } from "../sync/deps";
import { nowOf, withLease } from "../sync/lease";
import { recordSkips, type SkipRecord } from "../sync/outcomes";
import type { StageResult } from "../sync/stage";
import { createStagingWriter } from "../sync/staging-writer";

const encoder = new TextEncoder();

/**
 * The item-source half of staging: the connector fetches each planned item's Markdown, secrets are
 * redacted (on top of whatever the connector scrubbed) and the text is staged under the item's
 * manifest sha, exactly where documents.process reads git contents. Items the service cannot give
 * text for are recorded as skipped (`unavailable`) with the connector's reason.
 */
export async function stageItemContents(deps: SyncDeps, { job, source }: JobContext): Promise<Omit<StageResult, "dispatched">> {
  const { db } = deps;
  const batches = await db
    .select({ id: schema.syncBatches.id, files: schema.syncBatches.files })
    .from(schema.syncBatches)
    .where(and(eq(schema.syncBatches.jobId, job.id), eq(schema.syncBatches.kind, "upsert")))
    .orderBy(schema.syncBatches.seq);
  const stagedRows = await db.select({ sha: schema.blobStaging.sha }).from(schema.blobStaging).where(eq(schema.blobStaging.jobId, job.id));
  const staged = new Set(stagedRows.map((r) => r.sha));
  const shaOf = new Map<string, string>();
  const items: ConnectorItem[] = [];
  for (const file of batches.flatMap((b) => b.files)) {
    if (staged.has(file.sha) || !file.externalId) continue;
    shaOf.set(file.externalId, file.sha);
    items.push({
      externalId: file.externalId,
      path: file.path,
      title: file.title ?? file.path,
      version: file.version ?? "",
      ...(file.url ? { url: file.url } : {}),
    });
  }

  const connector = await deps.itemConnector(source);
  const skips: SkipRecord[] = [];
  const answered = new Set<string>();
  const staging = createStagingWriter(db);
  if (items.length > 0) {
    for await (const result of connector.fetchContent(items)) {
      const sha = shaOf.get(result.item.externalId);
      if (!sha || answered.has(sha)) continue;
      answered.add(sha);
      const link = { externalId: result.item.externalId, ...(result.item.url ? { url: result.item.url } : {}) };
      if (result.status === "skipped") {
        skips.push({ path: result.item.path, sha, reason: "unavailable", detail: result.reason, ...link });
        continue;
      }
      // Secrets are replaced before the first write: nothing after this point ever sees them.
      const { text, redactions } = redactSecrets(result.text);
      const content = encoder.encode(text);
      await staging.add({ jobId: job.id, sha, content, bytes: content.byteLength, redactions: mergeCounts(result.redactions, redactions) });
    }
    await staging.flush();
  }
  for (const item of items) {
    const sha = shaOf.get(item.externalId)!;
    if (!answered.has(sha))
      skips.push({ path: item.path, sha, reason: "unavailable", detail: `${source.provider} returned no content for it`, externalId: item.externalId });
  }
  await withLease(db, job.id, async (tx) => {
    await recordSkips(tx, { jobId: job.id, sourceId: source.id, commit: job.targetCommit ?? "", skips });
    await tx
      .update(schema.syncJobs)
      .set({ requestsSource: sql`${schema.syncJobs.requestsSource} + ${connector.requestCount()}`, stagedAt: nowOf(deps) })
      .where(eq(schema.syncJobs.id, job.id));
  });
  return { staged: staging.staged(), skipped: skips.length, upsertBatches: batches.map((b) => b.id), githubRequests: 0 };
}

function mergeCounts(a: Record<string, number> | undefined, b: Record<string, number>): Record<string, number> {
  const merged: Record<string, number> = { ...a };
  for (const [kind, n] of Object.entries(b)) merged[kind] = (merged[kind] ?? 0) + n;
  return merged;
}
