import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertColumns } from "./insert-columns";
import { queryRows } from "./query-rows";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "./testing/open-test-database";
import { customType, pgTable, integer, jsonb, text } from "drizzle-orm/pg-core";

const sample = pgTable("insert_columns_sample", { id: text("id").primaryKey(), note: text("note"), n: integer("n") });
const documents = pgTable("insert_columns_json", { id: text("id").primaryKey(), doc: jsonb("doc") });
const bytea = customType<{ data: Uint8Array }>({ dataType: () => "bytea" });
const blobs = pgTable("insert_columns_bytes", { id: text("id").primaryKey(), body: bytea("body"), n: integer("n") });

describe.each<TestDatabaseKind>(["postgres", "pglite-memory"])("insertColumns on %s", (kind) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await handle.db.execute(sql`create table insert_columns_sample (id text primary key, note text, n integer)`);
    await handle.db.execute(sql`create table insert_columns_json (id text primary key, doc jsonb)`);
    await handle.db.execute(sql`create table insert_columns_bytes (id text primary key, body bytea, n integer)`);
  });
  afterAll(async () => handle?.dispose());

  it("stores every row as given: NULLs, quotes, separators, braces and array syntax in values", async () => {
    const awkward = ['say "hi"', "a,b", "{x}", "back\\slash", "NULL", "", "line\nbreak", "ünïcode ✓"];
    const rows = awkward.map((note, i) => ({ id: `r${i}`, note, n: i }));
    await handle.db.execute(insertColumns(sample, { id: "text", note: "text", n: "integer" }, [...rows, { id: "r-null", note: null }]));
    const stored = await queryRows(handle.db, sql`select id, note, n from insert_columns_sample order by id`);
    expect(stored).toEqual([...rows, { id: "r-null", note: null, n: null }].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it("takes thousands of rows in one statement and composes with on conflict", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: `bulk-${i}`, note: `note ${i}`, n: i }));
    await handle.db.execute(insertColumns(sample, { id: "text", note: "text", n: "integer" }, rows));
    await handle.db.execute(sql`${insertColumns(sample, { id: "text", note: "text" }, [{ id: "bulk-0", note: "changed" }])} on conflict do nothing`);
    const [summary] = await queryRows(
      handle.db,
      sql`select count(*)::int as count, sum(n)::int as total, min(note) filter (where id = 'bulk-0') as first from insert_columns_sample where id like 'bulk-%'`,
    );
    expect(summary).toEqual({ count: 5000, total: (4999 * 5000) / 2, first: "note 0" });
  });

  it("stores jsonb columns as the JSON documents given (objects, arrays, strings with quotes), not as JSON strings", async () => {
    const docs = [{ "generic-api-key": 2, aws: 1 }, ["a1", "b2", 'quo"te'], [], "just text", { nested: { list: [1, null, "x,y"] } }];
    const rows = docs.map((doc, i) => ({ id: `j${i}`, doc: JSON.stringify(doc) }));
    await handle.db.execute(insertColumns(documents, { id: "text", doc: "jsonb" }, [...rows, { id: "j-null", doc: null }]));
    const stored = await queryRows(handle.db, sql`select id, doc, jsonb_typeof(doc) as kind from insert_columns_json order by id collate "C"`);
    // "j-null" sorts before "j0" byte-wise.
    expect(stored).toEqual([
      { id: "j-null", doc: null, kind: null },
      ...docs.map((doc, i) => ({ id: `j${i}`, doc, kind: Array.isArray(doc) ? "array" : typeof doc === "string" ? "string" : "object" })),
    ]);
  });

  it("stores utf8 columns as the texts given: multi-byte characters, surrogate pairs, empty and NULL", async () => {
    const texts = ["plain", "ünïcode ✓", "emoji 🦀 and 𝔘", "", 'quotes "\\ and {braces},', "line\nbreak\ttab", "日本語のテキスト".repeat(50)];
    const rows = texts.map((note, i) => ({ id: `u${i}`, note, n: i }));
    await handle.db.execute(insertColumns(sample, { id: "text", note: "utf8", n: "integer" }, [...rows, { id: "u-null", note: null, n: 99 }]));
    const stored = await queryRows(handle.db, sql`select id, note, n from insert_columns_sample where id like 'u%' order by id collate "C"`);
    expect(stored).toEqual([{ id: "u-null", note: null, n: 99 }, ...rows]);
  });

  it("stores bytes columns byte for byte: zeros, high bytes, empty, NULL, and views into larger buffers", async () => {
    const backing = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);
    const values = [
      Uint8Array.of(0, 1, 2, 0),
      Uint8Array.of(255, 128, 127),
      new Uint8Array(0),
      backing.subarray(10, 20),
      Uint8Array.from({ length: 70_000 }, (_, i) => i % 251),
    ];
    const rows = values.map((body, i) => ({ id: `b${i}`, body, n: i }));
    await handle.db.execute(insertColumns(blobs, { id: "text", body: "bytes", n: "integer" }, [...rows, { id: "b-null", body: null, n: 99 }]));
    const stored = await queryRows(handle.db, sql`select id, encode(body, 'hex') as hex, n from insert_columns_bytes order by id collate "C"`);
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
    expect(stored).toEqual([{ id: "b-null", hex: null, n: 99 }, ...values.map((body, i) => ({ id: `b${i}`, hex: hex(body), n: i }))]);
  });
});
