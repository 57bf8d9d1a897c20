import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCpuPool, cpuPool } from "../cpu/cpu-pool";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";

describe("chunkBatch on the CPU pool", () => {
  let h: Harness;
  let repo: TestRepo;
  beforeAll(async () => {
    await closeCpuPool();
    h = await createHarness();
    repo = await TestRepo.create();
  });
  afterAll(async () => {
    await h?.close();
    await repo?.remove();
    await closeCpuPool();
  });

  it("chunks a batch of one small file on the calling thread, without starting a worker", async () => {
    await repo.writeFiles({ "src/one.ts": "export function one(): number {\n  return 1;\n}\n" });
    await repo.commit("one file");
    const sourceId = await h.connect(localSourceSpec(repo.dir));
    expect(await h.lastJob(sourceId)).toMatchObject({ status: "succeeded", filesIndexed: 1, chunksTotal: 1 });
    expect(cpuPool().mode()).toBe("starting");
  });

  it("sends a batch of several files to the pool's workers", async () => {
    await repo.writeFiles({ "src/two.ts": "export const two = 2;\n", "src/three.ts": "export const three = 3;\n" });
    await repo.commit("two more");
    const sourceId = await h.connect(localSourceSpec(repo.dir, "demo"));
    await h.sync(sourceId);
    expect(await h.lastJob(sourceId)).toMatchObject({ status: "succeeded", filesIndexed: 2 });
    expect(cpuPool().mode()).toBe("workers");
  });
});
