import { schema } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedEvent, connectSource } from "../sync/catalog";
import { startEmbeddedRuntime, type EmbeddedRuntime } from "./embedded";
import { jobIdOfRun, listJobRuns } from "./job-runs";

describe("runs recorded per sync job", () => {
  let runtime: EmbeddedRuntime;
  let repo: TestRepo;

  beforeAll(async () => {
    runtime = await startEmbeddedRuntime({ embedding: { provider: "local" }, clock: "virtual", sdkLogger: { info() {}, warn() {}, error() {}, debug() {} } });
    repo = await TestRepo.create();
    await repo.writeFiles({ "src/a.ts": "export const a = 1;\n", "README.md": "# R\n", "old.md": "gone soon\n" });
    await repo.commit("init");
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
    await repo?.remove();
  });

  it("lists every run that worked on a job, orchestrator first, each known to the executor under the same id", async () => {
    const { db } = runtime.database;
    const { source } = await connectSource(db, runtime.workspaceId, runtime.store.id, {
      provider: "local",
      externalId: repo.dir,
      fullName: "runs-demo",
      name: "runs-demo",
      owner: null,
      location: repo.dir,
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 60,
    });
    await runtime.inngest.send(connectedEvent(source, "test"));
    await runtime.local.runUntilIdle();
    const [job] = await db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, source.id));
    expect(job?.status).toBe("succeeded");

    const runs = await listJobRuns(db, job?.id ?? "");
    expect(runs[0]).toEqual({ runId: job?.runId, functionId: "source-sync" });
    // failure-recovery reads every finished job (it decides whether a partial one is retried).
    expect(new Set(runs.map((run) => run.functionId))).toEqual(
      new Set(["source-sync", "github-sync", "github-adapter", "documents-process", "relationships-extract", "failure-recovery"]),
    );
    const executed = new Map(runtime.local.runs().map((run) => [run.id, run.functionId]));
    for (const run of runs) expect(executed.get(run.runId)).toBe(`tributary-${run.functionId}`);
    // Runs that did not work on this job (the connect handler, activity records) are not listed.
    expect(
      runtime.local
        .runs()
        .filter((run) => runs.every((listed) => listed.runId !== run.id))
        .map((run) => run.functionId),
    ).not.toContain("tributary-documents-process");
  });

  it("reads the job from an onFailure handler's event and ignores runs without one", () => {
    expect(jobIdOfRun({ name: "tributary/batch.ready", data: { jobId: "job_1", batchId: "b" } })).toBe("job_1");
    expect(jobIdOfRun({ name: "inngest/function.failed", data: { event: { data: { jobId: "job_2" } } } })).toBe("job_2");
    expect(jobIdOfRun({ name: "tributary/github.push", data: { deliveryId: "d" } })).toBeUndefined();
  });
});
