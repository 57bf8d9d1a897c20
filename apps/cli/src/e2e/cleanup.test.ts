import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, createPgVectorStore } from "@repo/console-db";
import { tableRows } from "@repo/console-db/testing";
import { vectorId } from "@repo/console-types";
import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../errors";
import { RETRY_TS, syncJson } from "./fixtures";
import { readIndex } from "./read-index";
import { runJson, runTributary } from "./run-tributary";

describe("tributary cleanup (subprocess, embedded default)", () => {
  let repo: TestRepo;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-cli-cleanup-"));
    repo = await TestRepo.create();
    await repo.writeFiles({ "src/retry.ts": RETRY_TS, "README.md": "# Demo\n" });
    await repo.commit("initial");
    expect(await syncJson(repo.dir, { dataDir })).toMatchObject({ status: "succeeded" });
  }, 300_000);
  afterAll(async () => {
    await repo?.remove();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("removes an orphan vector and reports it; a second run finds nothing", async () => {
    const before = await readIndex(dataDir);
    const database = await createDb({ dataDir });
    try {
      const [source] = await tableRows(database.db, "sources");
      const [store] = await tableRows(database.db, "stores");
      const orphan = vectorId(source!.id, "gone.ts", "0123456789abcdef");
      const values = Array.from({ length: store!.embeddingDimensions }, (_, i) => (i === 0 ? 1 : 0));
      await createPgVectorStore({ db: database.db, storeId: store!.id, dimensions: store!.embeddingDimensions }).upsert([
        {
          id: orphan,
          values,
          metadata: {
            sourceId: source!.id,
            documentId: "doc_x",
            path: "gone.ts",
            startLine: 1,
            endLine: 1,
            commit: "0".repeat(40),
            chunkHash: "0123456789abcdef",
            snippet: "",
          },
        },
      ]);
    } finally {
      await database.close();
    }
    expect((await readIndex(dataDir)).vectorIds).toHaveLength(before.vectorIds.length + 1);

    const first = (await runJson(["cleanup", repo.dir, "--json", "--data-dir", dataDir])) as { sources: unknown[] };
    expect(first.sources).toEqual([expect.objectContaining({ status: "cleaned", vectorsDeleted: 1, documentsDeleted: 0 })]);
    expect((await readIndex(dataDir)).vectorIds).toEqual(before.vectorIds);

    const second = await runTributary(["cleanup", "--data-dir", dataDir]);
    expect(second.code).toBe(EXIT.OK);
    expect(second.stdout).toContain("removed 0 documents, 0 vectors");
    expect(second.stdout).toMatch(/^retention: staging \d+, embeddingCache 0, syncRequests 0, activities 0, signatureFailures 0, deadLetters 0$/m);
  }, 300_000);
});
