import { insertRows, tableRows } from "@repo/console-db/testing";
import { connectedEvent, connectSource, queueSyncRequest, syncRequested } from "@repo/console-inngest";
import { TestRepo } from "@repo/testing/github";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startConsoleUnderTest } from "~/testing/console-under-test";

const TOKEN = "metrics-token-0123456789";
const WEBHOOK_SECRET = "metrics-webhook-secret";

/** The value of one sample line, e.g. `tributary_files_total{source="x",outcome="indexed"}`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelPart = line.slice(name.length).match(/^\{([^}]*)\}/)?.[1] ?? "";
    const have = labelPart.split(",").filter(Boolean);
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(line.split(" ").at(-1));
  }
  return undefined;
}

describe("GET /api/metrics", () => {
  let console_: Awaited<ReturnType<typeof startConsoleUnderTest>>;
  let GET: (request: Request) => Promise<Response>;
  let repo: TestRepo;

  beforeAll(async () => {
    console_ = await startConsoleUnderTest({ TRIBUTARY_METRICS_TOKEN: TOKEN, GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET });
    ({ GET } = await import("./route"));
    repo = await TestRepo.create();
    await repo.writeFiles({
      "src/a.ts": "export const a = 1;\n",
      "src/b.ts": "export const b = 2;\n",
      "README.md": "# Metrics\n",
      "logo.png": "\u0089PNG\r\n\u001a\n\u0000\u0000binary",
    });
    await repo.commit("init");
  }, 120_000);
  afterAll(async () => {
    await console_?.stop();
    await repo?.remove();
  });

  const scrape = (token?: string) => GET(new Request("http://localhost:3000/api/metrics", token ? { headers: { authorization: `Bearer ${token}` } } : {}));

  it("refuses a scrape without the token, or with another one", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("not-the-token-at-all-x")).status).toBe(401);
  });

  it("reports the exact counts of the sync that ran", async () => {
    const { db } = console_.runtime.database;
    const store = await console_.runtime.storeFor(console_.runtime.workspaceId);
    const { source } = await connectSource(db, console_.runtime.workspaceId, store.id, {
      provider: "local",
      externalId: repo.dir,
      fullName: "metrics-repo",
      name: "metrics-repo",
      owner: null,
      location: repo.dir,
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 60,
    });
    await console_.runtime.inngest.send(connectedEvent(source, "test"));
    await console_.executor.local.waitForRun((r) => r.functionId.endsWith("-source-sync") && r.status === "completed");
    const [job] = await tableRows(db, "syncJobs", { where: { sourceId: source.id } });
    expect(job).toMatchObject({ status: "succeeded" });

    const response = await scrape(TOKEN);
    expect(response.status).toBe(200);
    const text = await response.text();
    const s = { source: "metrics-repo" };
    expect(sample(text, "tributary_files_total", { ...s, outcome: "indexed" })).toBe(job!.filesIndexed);
    expect(sample(text, "tributary_files_total", { ...s, outcome: "failed" })).toBe(job!.filesFailed);
    expect(sample(text, "tributary_files_total", { ...s, outcome: "skipped" })).toBe(Object.values(job!.skippedByReason).reduce((n, v) => n + v, 0));
    expect(sample(text, "tributary_chunks_total", { ...s, kind: "total" })).toBe(job!.chunksTotal);
    expect(sample(text, "tributary_chunks_total", { ...s, kind: "embedded" })).toBe(job!.chunksEmbedded);
    expect(sample(text, "tributary_embedding_requests_total", s)).toBe(job!.requestsEmbedding);
    expect(sample(text, "tributary_sync_jobs_total", { ...s, status: "succeeded" })).toBe(1);
    expect(sample(text, "tributary_sync_duration_seconds_count", s)).toBe(1);
    expect(sample(text, "tributary_sync_duration_seconds_sum", s)).toBeCloseTo((job!.finishedAt!.getTime() - job!.startedAt!.getTime()) / 1000, 3);
    expect(sample(text, "tributary_last_successful_sync_timestamp_seconds", s)).toBeCloseTo(job!.finishedAt!.getTime() / 1000, 0);
    expect(job!.filesIndexed).toBe(3);
    expect(sample(text, "tributary_queue_lag_seconds", {})).toBe(0);
    // A fresh sync writes every chunk's vector once and removes none.
    expect(job!.chunksTotal).toBeGreaterThan(0);
    expect(job!.vectorsUpserted).toBe(job!.chunksTotal);
    expect(sample(text, "tributary_vector_writes_total", { ...s, op: "upsert" })).toBe(job!.chunksTotal);
    expect(sample(text, "tributary_vector_writes_total", { ...s, op: "delete" })).toBe(0);
    // The local embedder reports no tokens; the figure is the job's, summed from its batches.
    expect(sample(text, "tributary_embedding_tokens_total", s)).toBe(job!.embeddingTokens);
    expect(sample(text, "tributary_push_lag_seconds", s)).toBe(0);
  }, 120_000);

  it("counts the vectors a later sync removes, and sums both jobs", async () => {
    const { db } = console_.runtime.database;
    const [source] = await tableRows(db, "sources", { where: { fullName: "metrics-repo" } });
    const [doc] = await tableRows(db, "documents", { where: { sourceId: source!.id, path: "src/b.ts" } });
    expect(doc!.chunkCount).toBeGreaterThan(0);
    await repo.rm("src/b.ts");
    await repo.commit("drop b");
    const { requestId } = await queueSyncRequest(db, { sourceId: source!.id, commit: null, trigger: "manual" });
    await console_.runtime.inngest.send(syncRequested.create({ sourceId: source!.id, requestId, commit: null, trigger: "manual" }));
    const jobsOf = () => tableRows(db, "syncJobs", { where: { sourceId: source!.id } });
    await vi.waitFor(async () => expect((await jobsOf()).map((j) => j.status)).toEqual(["succeeded", "succeeded"]), { timeout: 60_000, interval: 100 });
    const jobs = await jobsOf();
    const second = jobs.find((j) => j.trigger === "manual")!;
    expect(second).toMatchObject({ filesDeleted: 1, vectorsDeleted: doc!.chunkCount, vectorsUpserted: 0 });

    const text = await (await scrape(TOKEN)).text();
    const s = { source: "metrics-repo" };
    expect(sample(text, "tributary_vector_writes_total", { ...s, op: "delete" })).toBe(doc!.chunkCount);
    expect(sample(text, "tributary_vector_writes_total", { ...s, op: "upsert" })).toBe(jobs.reduce((n, j) => n + j.vectorsUpserted, 0));
  }, 120_000);

  it("counts refused webhook deliveries and reports each source's oldest waiting push", async () => {
    const { db } = console_.runtime.database;
    const { POST } = await import("../github/webhooks/route");
    const body = JSON.stringify({ zen: "forged" });
    const forged = `sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`;
    for (const id of ["f-1", "f-2"]) {
      const response = await POST(
        new Request("http://localhost:3000/api/github/webhooks", {
          method: "POST",
          headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": id, "x-hub-signature-256": forged },
          body,
        }),
      );
      expect(response.status).toBe(401);
    }
    const [source] = await tableRows(db, "sources", { where: { fullName: "metrics-repo" } });
    // A push two minutes old that no job has taken (no event is sent, so none will).
    await insertRows(db, "syncRequests", [
      { sourceId: source!.id, trigger: "push", requestedSha: "c".repeat(40), deliveryId: "lagging", createdAt: new Date(Date.now() - 120_000) },
    ]);

    const text = await (await scrape(TOKEN)).text();
    expect(sample(text, "tributary_webhook_deliveries_total", { outcome: "bad-signature" })).toBe(2);
    const lag = sample(text, "tributary_push_lag_seconds", { source: "metrics-repo" })!;
    expect(lag).toBeGreaterThanOrEqual(120);
    expect(lag).toBeLessThan(180);
    expect(sample(text, "tributary_queue_lag_seconds", {})).toBeGreaterThanOrEqual(lag);
  });
});
