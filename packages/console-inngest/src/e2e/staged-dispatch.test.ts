import { createPgVectorStore, schema } from "@repo/console-db";
import { sourceVectorPrefix, type FetchedFile } from "@repo/console-types";
import { TestRepo } from "@repo/testing/github";
import { and, eq, ne } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { SyncDeps } from "../sync/deps";
import { expectedVectorIds, filesAt, lexicalIds } from "../testing/ground-truth";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";

const moduleText = (i: number) => `export function unit${i}(): number {\n  return ${i * 100};\n}\n`;
/** 4 batches of 5 files; the local source reads them in batch order. */
const FILES = 20;
const BATCH_FILES = 5;
/** Long enough for a dispatched batch to start on an idle executor; without early dispatch it never does. */
const START_TIMEOUT_MS = 5_000;

/**
 * Reads the contents through the real source, but before each file asks `beforeFile` (with the
 * number of files this read yielded so far) what to do: wait, go on, or die as a killed process would.
 */
function pausingSource(deps: SyncDeps, beforeFile: (yielded: number) => Promise<void>): SyncDeps {
  return {
    ...deps,
    sourceAdapter: (source) => {
      const adapter = deps.sourceAdapter(source);
      return {
        ...adapter,
        async *readFiles(commit, entries, options): AsyncGenerator<FetchedFile> {
          let yielded = 0;
          for await (const file of adapter.readFiles(commit, entries, options)) {
            await beforeFile(yielded);
            yield file;
            yielded++;
          }
        },
      };
    },
  };
}

describe("source.stage dispatches each batch as soon as its contents are staged", () => {
  let h: Harness | undefined;
  let repo: TestRepo | undefined;
  afterEach(async () => {
    await h?.close();
    await repo?.remove();
  });

  /** Whether some batch of the source left "pending" within START_TIMEOUT_MS (real time). */
  const batchStarted = async (): Promise<boolean> => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const started = await h!.database.db.select({ id: schema.syncBatches.id }).from(schema.syncBatches).where(ne(schema.syncBatches.status, "pending"));
      if (started.length > 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  };

  const setUp = async (beforeFile: (yielded: number) => Promise<void>) => {
    repo = await TestRepo.create();
    await repo.writeFiles(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`src/unit${String(i).padStart(2, "0")}.ts`, moduleText(i)])));
    await repo.commit("seed");
    h = await createHarness({
      quietSdk: true,
      wrapDeps: (deps) => pausingSource(deps, beforeFile),
      // No automatic recovery: the job a test looks at is the one that ran into the fault.
      runtime: { embedding: { provider: "local" }, batchLimits: { maxFiles: BATCH_FILES, maxBytes: 1 << 20 }, recovery: { delaysMs: [] } },
    });
  };

  const expectExactIndex = async (sourceId: string) => {
    const head = await repo!.head();
    const expected = await expectedVectorIds(repo!.dir, head, sourceId, filesAt(repo!.dir, head));
    const stored = await createPgVectorStore({ db: h!.database.db, storeId: h!.storeId, dimensions: 384 }).listIds(sourceVectorPrefix(sourceId));
    expect(new Set(stored)).toEqual(expected);
    expect(await lexicalIds(h!.database.db, sourceId)).toEqual(expected);
  };

  it("starts the first batch while later files are still being read", async () => {
    const seen: boolean[] = [];
    await setUp(async (yielded) => {
      if (yielded === BATCH_FILES) seen.push(await batchStarted());
    });
    const sourceId = await h!.connect(localSourceSpec(repo!.dir));
    expect(seen).toEqual([true]);
    const job = await h!.lastJob(sourceId);
    expect(job).toMatchObject({ status: "succeeded", filesIndexed: FILES, batchesTotal: FILES / BATCH_FILES, batchesDone: FILES / BATCH_FILES });
    await expectExactIndex(sourceId);
  });

  it("converges when staging dies after dispatching a batch: the retry dispatches the rest once", async () => {
    let died = false;
    const seen: boolean[] = [];
    await setUp(async (yielded) => {
      if (died || yielded < BATCH_FILES) return;
      seen.push(await batchStarted());
      died = true;
      throw new Error("the process was killed while staging");
    });
    const sourceId = await h!.connect(localSourceSpec(repo!.dir));
    expect(seen).toEqual([true]);
    const job = await h!.lastJob(sourceId);
    expect(job).toMatchObject({ status: "succeeded", filesIndexed: FILES, filesFailed: 0, batchesDone: FILES / BATCH_FILES });
    // Each batch ran once: the retried staging's events for batches already dispatched were dropped.
    const runs = h!.local.runs().filter((run) => run.functionId.endsWith("documents-process"));
    expect(runs).toHaveLength(FILES / BATCH_FILES);
    await expectExactIndex(sourceId);
  });

  it("when staging never finishes, indexes the batches it staged and fails only the others", async () => {
    const seen: boolean[] = [];
    // The first read dies after the first batch's files, every retry at its first file.
    await setUp(async (yielded) => {
      if (seen.length === 0 && yielded < BATCH_FILES) return;
      if (seen.length === 0) seen.push(await batchStarted());
      throw new Error("the repository became unreadable");
    });
    const sourceId = await h!.connect(localSourceSpec(repo!.dir));
    expect(seen).toEqual([true]);
    const job = await h!.lastJob(sourceId);
    expect(job).toMatchObject({ status: "partial", filesIndexed: BATCH_FILES, filesFailed: FILES - BATCH_FILES, batchesDone: FILES / BATCH_FILES });
    const indexed = await h!.database.db
      .select({ path: schema.syncJobFiles.path })
      .from(schema.syncJobFiles)
      .where(and(eq(schema.syncJobFiles.jobId, job.id), eq(schema.syncJobFiles.outcome, "indexed")));
    expect(indexed.map((r) => r.path).sort()).toEqual(Array.from({ length: BATCH_FILES }, (_, i) => `src/unit${String(i).padStart(2, "0")}.ts`));
  });
});
