import { PGlite, protocol } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installBinaryParameters } from "./pglite-binary-params.mjs";
import { serializeBind } from "./pglite-bind.mjs";
import { byteaParsers, byteaSerializers } from "./pglite-bytea.mjs";

// PGlite's own Bind serializer, taken before installBinaryParameters replaces it below.
const pgliteBind = protocol.serialize.bind as (config: object) => Uint8Array;

describe("Bind messages written in one pass (serializeBind)", () => {
  const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
  const cases: Array<[string, object]> = [
    ["no parameters", {}],
    ["an empty values list with names", { values: [], portal: "p1", statement: "s1" }],
    // PGlite passes NULL as null (serializeBind also takes undefined; PGlite's serializer throws on it).
    ["NULL", { values: [null, "x", null] }],
    ["texts: empty, multi-byte, surrogate pairs, a lone surrogate", { values: ["", "naïve ✓", "🦀 𝔘", "lone \ud800 half", '{"a",NULL}'] }],
    [
      "bytes: a view into a larger buffer, an ArrayBuffer, a DataView, empty",
      { values: [bytes.subarray(9, 40_009), bytes.buffer, new DataView(bytes.buffer, 5, 7), new Uint8Array(0)] },
    ],
    ["a large text beside large bytes", { values: ["x".repeat(300_000), bytes, "tail"] }],
    ["a value mapper", { values: [1, "two", null], valueMapper: (v: unknown, i: number) => (v === null ? null : `${i}:${String(v)}`) }],
  ];

  it.each(cases)("writes %s byte for byte as PGlite's serializer does", (_, config) => {
    expect(Buffer.from(serializeBind(config)).equals(Buffer.from(pgliteBind(config)))).toBe(true);
  });

  describe("installed in PGlite", () => {
    let pg: PGlite;
    beforeAll(async () => {
      pg = await PGlite.create({ serializers: byteaSerializers, parsers: byteaParsers });
      installBinaryParameters(pg);
      await pg.exec("create table bound (id int primary key, note text, content bytea)");
    });
    afterAll(() => pg?.close());

    it("replaces PGlite's serializer, and parameters arrive as sent", async () => {
      expect(protocol.serialize.bind).not.toBe(pgliteBind);
      const content = bytes.subarray(100, 60_100);
      await pg.query("insert into bound values ($1, $2, $3), ($4, $5, $6)", [1, "ünïcode 🦀", content, 2, null, null]);
      const { rows } = await pg.query<{ id: number; note: string | null; hex: string | null }>(
        "select id, note, encode(content, 'hex') as hex from bound order by id",
      );
      expect(rows).toEqual([
        { id: 1, note: "ünïcode 🦀", hex: Buffer.from(content).toString("hex") },
        { id: 2, note: null, hex: null },
      ]);
    });
  });
});
