import { schema, type Db } from "@repo/console-db";
import { and, count, eq, inArray, isNotNull, isNull, min } from "drizzle-orm";

export interface SourceFigures {
  sourceId: string;
  source: string;
  jobs: Record<string, number>;
  files: { indexed: number; failed: number; skipped: number; deleted: number };
  chunks: { total: number; embedded: number; reused: number };
  embeddingRequests: number;
  embeddingTokens: number;
  vectors: { upserted: number; deleted: number };
  /** Age of the source's oldest push no job has taken yet (0 when none). */
  pushLagSeconds: number;
  /** Seconds of every finished job (for the duration histogram). */
  durationsSeconds: number[];
  lastSuccessAt: string | null;
  openAlerts: number;
  openDeadLetters: number;
}

export interface MetricFigures {
  sources: SourceFigures[];
  /** Recorded deliveries by outcome, plus `bad-signature`: refused ones (never stored as deliveries). */
  webhookDeliveries: Record<string, number>;
  /** Age of the oldest sync request no job has taken yet (0 when none). */
  queueLagSeconds: number;
}

/**
 * Everything /api/metrics and `tributary status --json` report, read from the database (not from
 * in-process counters) so every process serving the console reports the same, exact figures.
 */
export async function readMetricFigures(db: Db, now: Date): Promise<MetricFigures> {
  const sources = await db
    .select({ id: schema.sources.id, fullName: schema.sources.fullName, syncedAt: schema.sources.syncedAt })
    .from(schema.sources)
    .where(eq(schema.sources.status, "active"));
  const ended = ["succeeded", "partial", "failed"] as const;
  const jobs = await db
    .select({
      sourceId: schema.syncJobs.sourceId,
      status: schema.syncJobs.status,
      filesIndexed: schema.syncJobs.filesIndexed,
      filesFailed: schema.syncJobs.filesFailed,
      filesDeleted: schema.syncJobs.filesDeleted,
      skipped: schema.syncJobs.skippedByReason,
      chunksTotal: schema.syncJobs.chunksTotal,
      chunksEmbedded: schema.syncJobs.chunksEmbedded,
      chunksReused: schema.syncJobs.chunksReused,
      requestsEmbedding: schema.syncJobs.requestsEmbedding,
      embeddingTokens: schema.syncJobs.embeddingTokens,
      vectorsUpserted: schema.syncJobs.vectorsUpserted,
      vectorsDeleted: schema.syncJobs.vectorsDeleted,
      startedAt: schema.syncJobs.startedAt,
      finishedAt: schema.syncJobs.finishedAt,
    })
    .from(schema.syncJobs)
    .where(inArray(schema.syncJobs.status, [...ended, "superseded", "cancelled"]));
  const alerts = await db
    .select({ sourceId: schema.alerts.sourceId, n: count() })
    .from(schema.alerts)
    .where(isNull(schema.alerts.resolvedAt))
    .groupBy(schema.alerts.sourceId);
  const letters = await db
    .select({ sourceId: schema.deadLetters.sourceId, n: count() })
    .from(schema.deadLetters)
    .where(and(isNull(schema.deadLetters.resolvedAt), isNotNull(schema.deadLetters.sourceId)))
    .groupBy(schema.deadLetters.sourceId);
  const pushes = await db
    .select({ sourceId: schema.syncRequests.sourceId, at: min(schema.syncRequests.createdAt) })
    .from(schema.syncRequests)
    .where(and(isNull(schema.syncRequests.consumedByJobId), eq(schema.syncRequests.trigger, "push")))
    .groupBy(schema.syncRequests.sourceId);
  const ageSeconds = (at: Date | string | null | undefined) => (at ? Math.max(0, (now.getTime() - new Date(at).getTime()) / 1000) : 0);
  const figures: SourceFigures[] = sources.map((s) => {
    const mine = jobs.filter((j) => j.sourceId === s.id);
    const sum = (pick: (j: (typeof mine)[number]) => number) => mine.reduce((n, j) => n + pick(j), 0);
    const byStatus: Record<string, number> = {};
    for (const j of mine) byStatus[j.status] = (byStatus[j.status] ?? 0) + 1;
    return {
      sourceId: s.id,
      source: s.fullName,
      jobs: byStatus,
      files: {
        indexed: sum((j) => j.filesIndexed),
        failed: sum((j) => j.filesFailed),
        skipped: sum((j) => Object.values(j.skipped).reduce((n, v) => n + v, 0)),
        deleted: sum((j) => j.filesDeleted),
      },
      chunks: { total: sum((j) => j.chunksTotal), embedded: sum((j) => j.chunksEmbedded), reused: sum((j) => j.chunksReused) },
      embeddingRequests: sum((j) => j.requestsEmbedding),
      embeddingTokens: sum((j) => j.embeddingTokens),
      vectors: { upserted: sum((j) => j.vectorsUpserted), deleted: sum((j) => j.vectorsDeleted) },
      pushLagSeconds: ageSeconds(pushes.find((p) => p.sourceId === s.id)?.at),
      durationsSeconds: mine.filter((j) => j.startedAt && j.finishedAt).map((j) => (j.finishedAt!.getTime() - j.startedAt!.getTime()) / 1000),
      lastSuccessAt: s.syncedAt?.toISOString() ?? null,
      openAlerts: alerts.find((a) => a.sourceId === s.id)?.n ?? 0,
      openDeadLetters: letters.find((l) => l.sourceId === s.id)?.n ?? 0,
    };
  });
  const deliveries = await db
    .select({ outcome: schema.webhookDeliveries.outcome, n: count() })
    .from(schema.webhookDeliveries)
    .groupBy(schema.webhookDeliveries.outcome);
  const [oldest] = await db
    .select({ at: min(schema.syncRequests.createdAt) })
    .from(schema.syncRequests)
    .where(isNull(schema.syncRequests.consumedByJobId));
  const [badSignatures] = await db.select({ n: count() }).from(schema.webhookSignatureFailures);
  return {
    sources: figures,
    webhookDeliveries: { ...Object.fromEntries(deliveries.map((d) => [d.outcome, d.n])), "bad-signature": badSignatures?.n ?? 0 },
    queueLagSeconds: ageSeconds(oldest?.at),
  };
}
