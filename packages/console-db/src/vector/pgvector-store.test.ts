import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axisVector, describeVectorStoreContract, makeRecord } from "@repo/testing/contracts";
import { createDb } from "../client/create-db";
import { takesFloat32Vectors } from "../client/float32-vectors";
import type { Database } from "../db-types";
import { queryRows } from "../query-rows";
import { openTestDatabase, type TestDatabase } from "../testing/open-test-database";
import { PgVectorUnavailableError } from "./ensure-vector-table";
import { createPgVectorStore } from "./pgvector-store";
import { vectorTableName } from "./table-name";
import { toVectorLiteral } from "./vector-literal";

describeVectorStoreContract("pgvector on PGlite", async () => {
  const handle = await createDb({ memory: true });
  const store = createPgVectorStore({ db: handle.db, storeId: "sto_contract", dimensions: 8 });
  await store.ensure();
  return { store, close: () => handle.close() };
});

describe("pgvector store on PGlite", () => {
  let handle: Database;
  beforeAll(async () => {
    handle = await createDb({ memory: true });
  });
  afterAll(async () => handle?.close());

  it("ensure() is idempotent under concurrent calls; the HNSW cosine index comes once the table is large enough", async () => {
    const stores = [1, 2, 3].map(() => createPgVectorStore({ db: handle.db, storeId: "sto_concurrent", dimensions: 4, hnswMinRows: 3 }));
    await Promise.all(stores.map((s) => s.ensure()));
    await stores[0]!.ensure();
    const indexdefs = async () =>
      (await queryRows(handle.db, sql`select indexdef from pg_indexes where tablename = ${vectorTableName("sto_concurrent")}`))
        .map((row) => String(row.indexdef))
        .join("\n");
    const store = stores[0]!;
    const [a, b, c] = [0, 1, 2].map((n) => makeRecord("src_1", `f${n}.ts`, n, 4));
    await store.upsert([a!, b!]);
    expect(await Promise.all(stores.map((s) => s.maintainIndex()))).toEqual([false, false, false]);
    expect(await indexdefs()).not.toMatch(/hnsw/);
    // Exact scan before the index: the nearest vector first.
    expect((await store.query({ vector: axisVector(4, 1), topK: 1 }))[0]?.id).toBe(b!.id);
    await store.upsert([c!]);
    expect(await Promise.all(stores.map((s) => s.maintainIndex()))).toEqual([true, true, true]);
    expect(await indexdefs()).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
    expect((await store.query({ vector: axisVector(4, 2), topK: 1 }))[0]?.id).toBe(c!.id);
  });

  it("keeps vectors in their rows (not in TOAST), and moves those of a table written before that back in", async () => {
    const dims = 384;
    const storeId = "sto_inline";
    const table = vectorTableName(storeId);
    const store = createPgVectorStore({ db: handle.db, storeId, dimensions: dims });
    await store.ensure();
    const random = seededRandom(11);
    // A row over ~2 KB gets something moved to TOAST: a 1.5 KB vector plus an incompressible snippet.
    const records = Array.from({ length: 40 }, (_, n) => {
      const record = makeRecord("src_inline", `f${n}.ts`, 0, dims);
      const snippet = Array.from({ length: 700 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("");
      return { ...record, values: Array.from({ length: dims }, random), metadata: { ...record.metadata, snippet } };
    });
    /** Bytes in the TOAST relation (whole pages): the snippets take ~1 KB a row, vectors there ≥ 1.5 KB more. */
    const toastBytes = async () => {
      const [row] = await queryRows(handle.db, sql`select pg_relation_size(reltoastrelid)::int as bytes from pg_class where relname = ${table}`);
      return Number(row?.bytes);
    };
    const storage = () => columnStorage(handle, table, "embedding");
    expect(await storage()).toBe("m");
    await store.upsert(records);
    const inline = await toastBytes();
    expect(inline).toBeLessThan(records.length * 1300);

    // The layout of a table written before: pgvector's default storage (external).
    await handle.db.execute(sql`alter table ${sql.identifier(table)} alter column embedding set storage external`);
    await handle.db.execute(sql`truncate ${sql.identifier(table)}`);
    await store.upsert(records);
    expect(await toastBytes()).toBeGreaterThan(records.length * 1500);
    expect(await store.maintainIndex()).toBe(false);
    expect(await storage()).toBe("m");
    expect(await toastBytes()).toBeLessThan(records.length * 1300);
    const [nearest] = await store.query({ vector: records[7]!.values, topK: 1 });
    expect(nearest?.id).toBe(records[7]!.id);
    expect(nearest?.score).toBeCloseTo(1, 5);
  });

  it("stores the metadata out of line as it is, without trying pglz on it, also in a table made before", async () => {
    const storeId = "sto_metadata";
    const table = vectorTableName(storeId);
    const store = createPgVectorStore({ db: handle.db, storeId, dimensions: 384 });
    await store.ensure();
    const storage = () => columnStorage(handle, table, "metadata");
    expect(await storage()).toBe("e");
    // A table made before: the default storage, which compresses first. ensure() switches it.
    await handle.db.execute(sql`alter table ${sql.identifier(table)} alter column metadata set storage extended`);
    await store.ensure();
    expect(await storage()).toBe("e");
    // A very compressible snippet: pglz would have kept it small and in the row.
    const record = makeRecord("src_metadata", "a.ts", 0, 384);
    const snippet = "x".repeat(1500);
    await store.upsert([{ ...record, values: Array.from({ length: 384 }, (_, i) => (i % 7) - 3), metadata: { ...record.metadata, snippet } }]);
    const [row] = await queryRows(
      handle.db,
      sql`select pg_column_compression(metadata) as compression, pg_column_size(metadata)::int as size from ${sql.identifier(table)}`,
    );
    expect(row?.compression).toBeNull();
    expect(Number(row?.size)).toBeGreaterThan(snippet.length);
    const [match] = await store.query({ vector: Array.from({ length: 384 }, (_, i) => (i % 7) - 3), topK: 1 });
    expect(match?.metadata.snippet).toBe(snippet);
  });

  it("refuses to reuse a table built for other dimensions", async () => {
    await createPgVectorStore({ db: handle.db, storeId: "sto_dims", dimensions: 4 }).ensure();
    await expect(createPgVectorStore({ db: handle.db, storeId: "sto_dims", dimensions: 5 }).ensure()).rejects.toThrow(/holds vector\(4\), not vector\(5\)/);
  });

  it("returns the exact topK of a source even when other sources crowd the nearest neighbours", async () => {
    const dims = 16;
    const store = createPgVectorStore({ db: handle.db, storeId: "sto_crowded", dimensions: dims });
    await store.ensure();
    const random = seededRandom(7);
    const randomRecord = (sourceId: string, path: string) => ({ ...makeRecord(sourceId, path, 0, dims), values: Array.from({ length: dims }, random) });
    const noisy = Array.from({ length: 600 }, (_, n) => randomRecord("srcNoisy", `n${n}.ts`));
    const wanted = Array.from({ length: 8 }, (_, n) => randomRecord("srcWanted", `w${n}.ts`));
    await store.upsert([...noisy, ...wanted]);
    const query = Array.from({ length: dims }, random);
    const expected = wanted
      .map((r) => ({ id: r.id, similarity: cosine(r.values, query) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 5);

    // Make the planner walk the HNSW graph (as it does on large tables) instead of filtering a
    // sequential scan; PGlite has a single session, so these settings reach the store's query.
    await handle.db.execute(sql`drop index ${sql.identifier(`${store.table}_source_idx`)}`);
    await handle.db.execute(sql`set enable_seqscan = off`);
    const matches = await store.query({ vector: query, topK: 5, filter: { sourceId: "srcWanted" } });
    await handle.db.execute(sql`reset enable_seqscan`);
    expect(matches.map((m) => m.id)).toEqual(expected.map((e) => e.id));
    matches.forEach((m, i) => expect(m.score).toBeCloseTo(expected[i]!.similarity, 4));
  });

  it("indexes and searches models above 2000 dimensions through halfvec", async () => {
    const dims = 3072;
    const store = createPgVectorStore({ db: handle.db, storeId: "sto_large", dimensions: dims });
    await store.ensure();
    await store.upsert([0, 1, 2].map((n) => makeRecord("srcL", "big.md", n, dims)));
    const [best] = await store.query({ vector: axisVector(dims, 2), topK: 1 });
    expect(best!.id).toBe(makeRecord("srcL", "big.md", 2, dims).id);
    expect(best!.score).toBeCloseTo(1, 3);
  });

  it("treats LIKE wildcards in a prefix literally", async () => {
    const dims = 4;
    const store = createPgVectorStore({ db: handle.db, storeId: "sto_like", dimensions: dims });
    await store.ensure();
    await store.upsert([makeRecord("src_1", "a.md", 0, dims), makeRecord("srcX1", "a.md", 1, dims)]);
    expect(await store.listIds("src_1:")).toHaveLength(1);
    expect(await store.listIds("src%")).toEqual([]);
    expect(await store.deleteByPrefix("src_")).toBe(1);
    expect(await store.listIds("srcX1:")).toHaveLength(1);
  });

  it("rejects vectors of the wrong length before writing anything", async () => {
    const store = createPgVectorStore({ db: handle.db, storeId: "sto_like", dimensions: 4 });
    const bad = { ...makeRecord("srcBad", "a.md", 0, 4), values: [1, 2, 3] };
    await expect(store.upsert([bad])).rejects.toThrow(/3 dimensions, the store expects 4/);
    expect(await store.listIds("srcBad:")).toEqual([]);
  });
});

describe.each([
  ["in process", false],
  ["on a worker thread", true],
])("vectors written to PGlite %s", (_where, worker) => {
  let handle: Database;
  beforeAll(async () => {
    handle = await createDb({ memory: true, worker });
  });
  afterAll(async () => handle?.close());

  it("go in binary and store exactly the float4 values of the text form, doubles rounded the same way", async () => {
    expect(takesFloat32Vectors(handle.db)).toBe(true);
    const dims = 384;
    const store = createPgVectorStore({ db: handle.db, storeId: "sto_binary", dimensions: dims });
    await store.ensure();
    const random = seededRandom(7);
    // Float32 values (what the sync writes) and full doubles (another caller), tiny and large ones.
    const records = Array.from({ length: 30 }, (_, n) => {
      const raw = Array.from({ length: dims }, () => random() * 10 ** Math.floor(random() * 12 - 6));
      return { ...makeRecord("src_bin", `f${n}.ts`, 0, dims), values: n % 2 === 0 ? Array.from(Float32Array.from(raw)) : raw };
    });
    await store.upsert(records);
    const table = sql.identifier(store.table);
    for (const r of records) {
      await handle.db.execute(
        sql`insert into ${table} (id, source_id, embedding, metadata) values (${`text-${r.id}`}, 'src_text', ${toVectorLiteral(r.values, dims, r.id)}::vector, '{}')`,
      );
    }
    const rows = await queryRows(
      handle.db,
      sql`select count(*)::int as n, count(*) filter (where b.embedding = t.embedding)::int as same from ${table} b join ${table} t on t.id = 'text-' || b.id`,
    );
    expect(rows[0]).toEqual({ n: 30, same: 30 });
    const fetched = new Map((await store.fetch(records.map((r) => r.id))).map((r) => [r.id, r.values]));
    // The text pgvector returns has the fewest digits that identify each float4.
    for (const r of records) expect(fetched.get(r.id)?.map(Math.fround)).toEqual(Array.from(Float32Array.from(r.values)));
    await expect(store.upsert([{ ...records[0]!, values: records[0]!.values.map((v, i) => (i === 3 ? 1e39 : v)) }])).rejects.toMatchObject({
      code: "invalid-vector",
    });
  });
});

// Whether the local Postgres server has pgvector (`.ci/run` builds it in; Debian has no package
// for PostgreSQL 15). With it, the Postgres + pgvector path self-hosted users run is tested for
// real; without it, what such a user sees is.
const pgvectorInstalled = await (async () => {
  const probe = await openTestDatabase("postgres");
  try {
    return (await queryRows(probe.db, sql`select 1 from pg_available_extensions where name = 'vector'`)).length > 0;
  } finally {
    await probe.dispose();
  }
})();

describe.runIf(pgvectorInstalled)("pgvector on the real Postgres server", () => {
  describeVectorStoreContract("pgvector on Postgres", async () => {
    const handle = await openTestDatabase("postgres");
    expect(takesFloat32Vectors(handle.db)).toBe(false);
    const store = createPgVectorStore({ db: handle.db, storeId: "sto_pg_contract", dimensions: 8 });
    await store.ensure();
    return { store, close: () => handle.dispose() };
  });
});

describe.skipIf(pgvectorInstalled)("pgvector store on a Postgres server without pgvector", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase("postgres");
  });
  afterAll(async () => handle?.dispose());

  it("ensure() says clearly that pgvector is missing and that retrying will not help", async () => {
    const store = createPgVectorStore({ db: handle.db, storeId: "sto_pg", dimensions: 4 });
    const error = await store.ensure().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PgVectorUnavailableError);
    expect(error).toMatchObject({ retryable: false, message: expect.stringMatching(/no pgvector extension/) });
  });
});

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
}

function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((sum, x, i) => sum + x * b[i]!, 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b));
}

/** attstorage of one column of `table` (m main, e external, x extended). */
async function columnStorage(handle: Database, table: string, column: string): Promise<unknown> {
  return (await queryRows(handle.db, sql`select attstorage::text as s from pg_attribute where attrelid = ${table}::regclass and attname = ${column}`))[0]?.s;
}
