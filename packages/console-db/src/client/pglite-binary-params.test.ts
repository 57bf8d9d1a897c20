import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db-types";
import { queryRows } from "../query-rows";
import { lexicalTermsOf } from "../lexical/lexical-terms";
import { createDb } from "./create-db";
import { encodeTsvectorBinary } from "./pglite-binary-params.mjs";

describe.each([
  ["in process", false],
  ["on a worker thread", true],
])("binary parameters on PGlite %s", (_where, worker) => {
  let handle: Database;
  beforeAll(async () => {
    handle = await createDb({ memory: true, worker });
    await handle.db.execute(sql`create table blobs (id int primary key, content bytea not null)`);
  });
  afterAll(async () => handle?.close());

  const every = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
  const cases: Array<[string, Uint8Array]> = [
    ["empty", new Uint8Array()],
    ["every byte value", every],
    ["a view into a larger buffer", new Uint8Array(every.buffer, 3, 100)],
    ["a Buffer", Buffer.from("naïve → ✓\n\\x00")],
  ];

  it.each(cases)("bytea: %s arrives byte for byte", async (_, bytes) => {
    await handle.db.execute(sql`insert into blobs values (1, ${bytes}) on conflict (id) do update set content = excluded.content`);
    const [row] = await queryRows(handle.db, sql`select encode(content, 'hex') as hex, octet_length(content) as len from blobs where id = 1`);
    expect(row).toEqual({ hex: Buffer.from(bytes).toString("hex"), len: bytes.byteLength });
  });

  it("bytea[] and float4[] from plain arrays keep their text forms", async () => {
    const [row] = await queryRows(
      handle.db,
      sql`select array_to_string(array(select encode(b, 'hex') from unnest(${sql.param([Uint8Array.of(1, 2), Uint8Array.of(255)])}::bytea[]) b), ',') as blobs,
        (${sql.param([1.5, -2])}::real[])::text as reals`,
    );
    expect(row).toEqual({ blobs: "0102,ff", reals: "{1.5,-2}" });
  });

  it("float4[] from a Float32Array arrives value for value", async () => {
    const values = Float32Array.of(0.1, -3.4028234663852886e38, 1.401298464324817e-45, 0, 42);
    const [row] = await queryRows(handle.db, sql`select (${values}::real[])::text as reals`);
    expect(
      String(row?.reals)
        .slice(1, -1)
        .split(",")
        .map((v) => Math.fround(Number(v))),
    ).toEqual([...values]);
  });

  // The lexical index's literals, and text that tsvectorin normalises (sent as text, not binary).
  const literals = [
    lexicalTermsOf(
      "export function retryWithBackoff(attempts: number) {\n  return attempts * 2 ** 10; // 897e5a76\n}\n",
      "function retryWithBackoff",
      "src/retry.ts",
    ).terms,
    lexicalTermsOf("x ".repeat(400), undefined, "a.txt").terms,
    "",
    "'b':3 'a':1A,2B,4C,5D",
    "'a':2,1",
    "'a':1 'a':2",
    "'x y':1",
    "'ab':1A,1B",
    "plain words",
    "'a':16383",
  ];
  it.each(literals.map((l) => [l.slice(0, 40), l]))("tsvector %j: the same value as its text parse", async (_, literal) => {
    const [row] = await queryRows(
      handle.db,
      sql`select ${literal}::tsvector = (${literal}::text)::tsvector as same, (${literal}::tsvector)::text = ((${literal}::text)::tsvector)::text as same_text`,
    );
    expect(row).toEqual({ same: true, same_text: true });
  });

  // insertColumns sends the lexical rows' terms as one tsvector[]: binary when every literal
  // encodes, else as an array literal (quotes and backslashes escaped for the array parser).
  it.each([
    ["every literal encodes", literals.filter((l) => encodeTsvectorBinary(l) !== undefined)],
    ["some do not", [...literals, `'we"ird':1`, "'back\\\\slash':2", null]],
  ])("tsvector[] (%s): each element the same value as its text parse", async (_, values) => {
    const rows = await queryRows(
      handle.db,
      sql`select v is not distinct from t::tsvector as same from unnest(${sql.param(values)}::tsvector[], ${sql.param(values)}::text[]) as u(v, t)`,
    );
    expect(rows).toEqual(values.map(() => ({ same: true })));
  });
});

describe("encodeTsvectorBinary", () => {
  it("encodes a weighted literal as tsvectorrecv reads it", () => {
    expect([...encodeTsvectorBinary("'ab':1A,3 'c':2C")!]).toEqual([0, 0, 0, 2, 97, 98, 0, 0, 2, 0xc0, 1, 0, 3, 99, 0, 0, 1, 0x40, 2]);
    expect([...encodeTsvectorBinary("")!]).toEqual([0, 0, 0, 0]);
  });

  it("leaves to the text parser what it would normalise or reject", () => {
    for (const literal of ["'a':2,1", "'a':1 'a':2", "'x y':1", "'ab':1A,1B", "plain", "'a':0", "'a':16383", "'A':1", "'a':1 ", "'a'"]) {
      expect(encodeTsvectorBinary(literal)).toBeUndefined();
    }
    const many = `'a':${Array.from({ length: 256 }, (_, i) => i + 1).join(",")}`;
    expect(encodeTsvectorBinary(many)).toBeUndefined();
  });
});
