import type { MetricFigures } from "@repo/console-inngest";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Sync durations from a one-file push (seconds) to a first sync of a large repository (an hour). */
const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

/**
 * Prometheus text for figures read from the database. A fresh registry per scrape: the values are
 * totals the database holds, not counts this process happened to see, so every replica agrees.
 * `cpuPoolMode` is this process's own: where its chunking and local embedding run.
 */
export async function renderMetrics(
  figures: MetricFigures,
  { cpuPoolMode }: { cpuPoolMode?: "workers" | "inline" | "starting" } = {},
): Promise<{ body: string; contentType: string }> {
  const registry = new Registry();
  const labels = ["source"] as const;
  const duration = new Histogram({
    name: "tributary_sync_duration_seconds",
    help: "Duration of finished sync jobs",
    labelNames: labels,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const jobs = new Counter({
    name: "tributary_sync_jobs_total",
    help: "Finished sync jobs by status",
    labelNames: ["source", "status"],
    registers: [registry],
  });
  const files = new Counter({
    name: "tributary_files_total",
    help: "Files processed by sync jobs, by outcome",
    labelNames: ["source", "outcome"],
    registers: [registry],
  });
  const chunks = new Counter({
    name: "tributary_chunks_total",
    help: "Chunks of indexed files: embedded (sent to the provider) or reused (from the cache)",
    labelNames: ["source", "kind"],
    registers: [registry],
  });
  const requests = new Counter({
    name: "tributary_embedding_requests_total",
    help: "Requests to the embedding provider",
    labelNames: labels,
    registers: [registry],
  });
  const tokens = new Counter({
    name: "tributary_embedding_tokens_total",
    help: "Input tokens the embedding provider reported (0 for the local embedder)",
    labelNames: labels,
    registers: [registry],
  });
  const vectors = new Counter({
    name: "tributary_vector_writes_total",
    help: "Vectors written to (upsert) and removed from (delete) the vector store",
    labelNames: ["source", "op"],
    registers: [registry],
  });
  const pushLag = new Gauge({
    name: "tributary_push_lag_seconds",
    help: "Age of the source's oldest push no job has taken yet (0 when none)",
    labelNames: labels,
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: "tributary_last_successful_sync_timestamp_seconds",
    help: "When the source last synced successfully",
    labelNames: labels,
    registers: [registry],
  });
  const alerts = new Gauge({ name: "tributary_open_alerts", help: "Open alerts of the source", labelNames: labels, registers: [registry] });
  const letters = new Gauge({
    name: "tributary_dead_letters_open",
    help: "Failed runs of the source not yet resolved",
    labelNames: labels,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "tributary_webhook_deliveries_total",
    help: "GitHub webhook deliveries by outcome (bad-signature: refused, not stored)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const lag = new Gauge({ name: "tributary_queue_lag_seconds", help: "Age of the oldest sync request no job has taken yet", registers: [registry] });

  for (const s of figures.sources) {
    const source = s.source;
    for (const seconds of s.durationsSeconds) duration.observe({ source }, seconds);
    for (const [status, n] of Object.entries(s.jobs)) jobs.inc({ source, status }, n);
    for (const [outcome, n] of Object.entries(s.files)) files.inc({ source, outcome }, n);
    chunks.inc({ source, kind: "total" }, s.chunks.total);
    chunks.inc({ source, kind: "embedded" }, s.chunks.embedded);
    chunks.inc({ source, kind: "reused" }, s.chunks.reused);
    requests.inc({ source }, s.embeddingRequests);
    tokens.inc({ source }, s.embeddingTokens);
    vectors.inc({ source, op: "upsert" }, s.vectors.upserted);
    vectors.inc({ source, op: "delete" }, s.vectors.deleted);
    pushLag.set({ source }, s.pushLagSeconds);
    if (s.lastSuccessAt) lastSuccess.set({ source }, Date.parse(s.lastSuccessAt) / 1000);
    alerts.set({ source }, s.openAlerts);
    letters.set({ source }, s.openDeadLetters);
  }
  for (const [outcome, n] of Object.entries(figures.webhookDeliveries)) deliveries.inc({ outcome }, n);
  lag.set(figures.queueLagSeconds);
  if (cpuPoolMode) {
    const mode = new Gauge({
      name: "tributary_cpu_pool_mode",
      help: "Where this process runs chunking and local embedding: 1 for its current mode (workers, inline or starting)",
      labelNames: ["mode"],
      registers: [registry],
    });
    for (const m of ["workers", "inline", "starting"] as const) mode.set({ mode: m }, m === cpuPoolMode ? 1 : 0);
  }
  return { body: await registry.metrics(), contentType: registry.contentType };
}
