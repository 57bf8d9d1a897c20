import { schema } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchesCompleted, githubPushReceived } from "../events";
import type { SyncDeps } from "../sync/deps";
import { DEFAULT_TIMING } from "../sync/lease";
import { expectedVectorIds, filesAt, lexicalIds } from "../testing/ground-truth";
import { startProductionFakes, type ProductionFakes } from "../testing/production-fakes";
import { stallGate, waitFor } from "../testing/schedules";

const REPO_ID = 5151;
const text = (name: string, version: string) => `export function ${name}(): string {\n  return "${version}";\n}\n`;

/**
 * Item 1 of the issue, forced: job A stalls in the middle of writing its vectors for longer than
 * its lease; a push starts job B, which takes the source over and finishes; then A wakes up and
 * finishes last. A's late vector writes land, its manifest writes are refused, and the reconcile
 * its trespass requests removes what it left — the index ends exactly at the branch head.
 */
describe("an older job that finishes last (on inngest-local)", () => {
  let f: ProductionFakes;
  let repo: TestRepo;
  let sourceId: string;
  let skewMs = 0;
  const gate = stallGate();

  const jobs = async () =>
    f.harness.database.db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId)).orderBy(asc(schema.syncJobs.createdAt));
  const push = (after: string, deliveryId: string) =>
    f.harness.inngest.send(
      githubPushReceived.create({
        deliveryId,
        repositoryId: REPO_ID,
        repositoryFullName: "acme/late",
        ref: "refs/heads/main",
        before: "0".repeat(40),
        after,
        forced: false,
        deleted: false,
        created: false,
        installationId: null,
      }),
    );

  beforeAll(async () => {
    repo = await TestRepo.create();
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`src/m${i}.ts`] = text(`m${i}`, "v0");
    await repo.writeFiles(files);
    await repo.commit("v0");
    const wrapDeps = (deps: SyncDeps): SyncDeps => ({ ...deps, vectorStore: (store) => gate.wrap(deps.vectorStore(store)) });
    f = await startProductionFakes([{ repo, id: REPO_ID, name: "late" }], "local+pgvector", { wrapDeps, skewMs: () => skewMs });
    sourceId = await f.harness.connect({
      provider: "github",
      externalId: String(REPO_ID),
      fullName: "acme/late",
      owner: "acme",
      name: "late",
      location: "https://github.com/acme/late",
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 60,
    });
  }, 240_000);
  afterAll(async () => {
    await f?.close();
    await repo?.remove();
  });

  it("ends at the head with the older job recorded as superseded", async () => {
    expect((await jobs()).map((j) => j.status)).toEqual(["succeeded"]);

    // Job A: two files change; its first vector write stalls.
    await repo.writeFiles({ "src/m1.ts": text("m1", "v1"), "src/m2.ts": text("m2", "v1") });
    const c1 = await repo.commit("v1");
    const stalled = gate.stallNextUpsert();
    await push(c1, "d-1");
    await stalled.reached;
    const jobA = (await jobs()).at(-1)!;
    expect(jobA).toMatchObject({ status: "running", targetCommit: c1 });

    // A stays silent past its lease; a newer push arrives and job B takes the source over.
    skewMs += DEFAULT_TIMING.leaseTtlMs + 60_000;
    await repo.writeFile("src/m1.ts", text("m1", "v2"));
    await repo.rm("src/m2.ts");
    await repo.writeFile("src/m30.ts", text("m30", "v2"));
    const c2 = await repo.commit("v2");
    await push(c2, "d-2");
    // Time stands still meanwhile (A's orchestrator stays parked in its wait, as a slow world
    // would leave it); B's completion is re-signalled in case it fell into the check/wait gap.
    await waitFor(async () => {
      const b = (await jobs()).find((j) => j.targetCommit === c2);
      if (b?.status === "running" && b.batchesTotal > 0 && b.batchesDone >= b.batchesTotal)
        await f.harness.inngest.send(batchesCompleted.create({ jobId: b.id }));
      return b?.status === "succeeded";
    });
    expect((await jobs()).find((j) => j.id === jobA.id)?.status).toBe("superseded");

    // A wakes up and finishes last: its vectors land, its manifest writes are refused.
    stalled.release();
    await f.harness.local.runUntilIdle();

    const history = await jobs();
    const a = history.find((j) => j.id === jobA.id)!;
    expect(a.status).toBe("superseded");
    expect(a.finishedAt!.getTime()).toBeGreaterThanOrEqual(history.find((j) => j.targetCommit === c2)!.finishedAt!.getTime());
    // The reconcile A's trespass asked for ran after A's late writes.
    expect(history.at(-1)).toMatchObject({ trigger: "reconcile", status: "succeeded", targetCommit: c2 });

    const [source] = await f.harness.database.db.select().from(schema.sources).where(eq(schema.sources.id, sourceId));
    expect(source).toMatchObject({ syncedCommit: c2, leaseHolder: null, needsReconcile: false });
    expect(await f.vectorIds()).toEqual(await expectedVectorIds(repo.dir, c2, sourceId, filesAt(repo.dir, c2)));
    // The superseded job's late writes left no lexical rows either.
    expect(await lexicalIds(f.harness.database.db, sourceId)).toEqual(await f.vectorIds());
    const manifest = await f.harness.database.db.select().from(schema.documents).where(eq(schema.documents.sourceId, sourceId));
    expect(manifest.find((d) => d.path === "src/m2.ts")).toBeUndefined();
    expect(manifest.every((d) => d.outcome === "indexed" && d.commit !== c1)).toBe(true);
  }, 240_000);
});
