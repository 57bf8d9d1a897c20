import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedVectorIds, filesAt, lexicalIds, lexicalTermStatistics } from "../testing/ground-truth";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";
import { createPgVectorStore, type DbTransaction } from "@repo/console-db";
import { createTempPostgresDatabase, type TempPostgresDatabase } from "@repo/console-db/testing";
import type { SQL } from "drizzle-orm";
import { PgDialect, type PgTransactionConfig } from "drizzle-orm/pg-core";
import { sourceVectorPrefix } from "@repo/console-types";

const file = (name: string, n: number) =>
  `export function ${name}(input: number): number {\n  let total = input;\n${Array.from({ length: n }, (_, i) => `  total += ${i} * ${name.length}; // ${name} step ${i}`).join("\n")}\n  return total;\n}\n`;

describe("write sizes of a sync (the console on PGlite keeps each write short)", () => {
  let h: Harness;
  let repo: TestRepo;
  const upserts: number[] = [];

  beforeAll(async () => {
    h = await createHarness({
      runtime: { embedding: { provider: "local" }, writeSizes: { vectorsPerUpsert: 3, manifestChunks: 4, cacheRows: 5 } },
      wrapDeps: (deps) => ({
        ...deps,
        vectorStore: (store) => {
          const real = deps.vectorStore(store);
          return Object.assign(Object.create(real), {
            upsert: (records: Parameters<typeof real.upsert>[0]) => {
              upserts.push(records.length);
              return real.upsert(records);
            },
          });
        },
      }),
    });
    repo = await TestRepo.create();
    await repo.writeFiles(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`src/f${i}.ts`, file(`step${i}`, 30 + i * 20)])));
    await repo.commit("initial");
  });
  afterAll(async () => {
    await h?.close();
    await repo?.remove();
  });

  it("writes vectors in upserts of at most the given size and indexes the same as with the defaults", async () => {
    const sourceId = await h.connect(localSourceSpec(repo.dir));
    const head = await repo.head();
    const job = await h.lastJob(sourceId);
    expect(job).toMatchObject({ status: "succeeded", filesIndexed: 12 });
    const store = createPgVectorStore({ db: h.database.db, storeId: h.storeId, dimensions: 384 });
    const stored = new Set(await store.listIds(sourceVectorPrefix(sourceId)));
    expect(stored).toEqual(await expectedVectorIds(repo.dir, head, sourceId, filesAt(repo.dir, head)));
    expect(await lexicalIds(h.database.db, sourceId)).toEqual(stored);
    // More vectors than one upsert holds, each upsert at most 3 (the default would write them in one).
    expect(stored.size).toBeGreaterThan(6);
    expect(upserts.length).toBeGreaterThan(2);
    expect(Math.max(...upserts)).toBeLessThanOrEqual(3);
  });
});

describe.each(["pglite", "postgres"] as const)("write sizes of a sync on %s (the CLI and Postgres write a batch in one manifest transaction)", (kind) => {
  let h: Harness;
  let repo: TestRepo;
  let temp: TempPostgresDatabase | undefined;
  // Per transaction of the sync, how many lexical row inserts it ran.
  const lexicalInserts: number[] = [];
  const dialect = new PgDialect();

  beforeAll(async () => {
    temp = kind === "postgres" ? await createTempPostgresDatabase() : undefined;
    h = await createHarness({
      ...(temp ? { databaseUrl: temp.url } : {}),
      wrapDeps: (deps) => ({
        ...deps,
        db: Object.assign(Object.create(deps.db), {
          transaction: (work: (tx: DbTransaction) => Promise<unknown>, config?: PgTransactionConfig) =>
            deps.db.transaction((tx) => {
              const at = lexicalInserts.push(0) - 1;
              const counted = Object.assign(Object.create(tx), {
                execute: (query: SQL) => {
                  if (dialect.sqlToQuery(query).sql.startsWith('insert into "lexical_chunks"')) lexicalInserts[at]! += 1;
                  return tx.execute(query);
                },
              });
              return work(counted);
            }, config),
        }),
      }),
    });
    repo = await TestRepo.create();
    await repo.writeFiles(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/f${i}.ts`, file(`step${i}`, 200 + i * 10)])));
    await repo.commit("initial");
  });
  afterAll(async () => {
    await h?.close();
    await repo?.remove();
    await temp?.drop();
  });

  it("writes the lexical rows of a batch's files in one transaction, and their statistics exact", async () => {
    const sourceId = await h.connect(localSourceSpec(repo.dir));
    expect(await h.lastJob(sourceId)).toMatchObject({ status: "succeeded", filesIndexed: 40 });
    const rows = await lexicalIds(h.database.db, sourceId);
    // More chunks than one insert statement holds (200 rows), fewer files than one batch (250).
    expect(rows.size).toBeGreaterThan(200);
    expect(lexicalInserts.filter((n) => n > 0)).toHaveLength(1);
    const { stored, recounted } = await lexicalTermStatistics(h.database.db, sourceId);
    expect(stored).toEqual(recounted);
  });
});
