import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byteaParsers, byteaSerializers, parseBytea, serializeBytea } from "./pglite-bytea.mjs";

describe("native bytea codec for PGlite", () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = await PGlite.create({ serializers: byteaSerializers, parsers: byteaParsers });
    await pg.exec("create table blobs (id int primary key, content bytea not null)");
  });
  afterAll(() => pg.close());

  const every = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
  const cases: Array<[string, Uint8Array]> = [
    ["empty", new Uint8Array()],
    ["every byte value", every],
    ["a view into a larger buffer", new Uint8Array(every.buffer, 3, 100)],
    ["utf-8 text", new TextEncoder().encode("naïve → ✓\n\\x00")],
  ];

  it.each(cases)("round-trips %s byte for byte through Postgres", async (_, bytes) => {
    await pg.query("insert into blobs values ($1, $2) on conflict (id) do update set content = excluded.content", [1, bytes]);
    const { rows } = await pg.query<{ content: Uint8Array; hex: string; len: number }>(
      "select content, encode(content, 'hex') as hex, octet_length(content) as len from blobs where id = 1",
    );
    // Postgres saw the same bytes (not a hex string stored as text), and they come back unchanged.
    expect(rows[0]!.len).toBe(bytes.byteLength);
    expect(rows[0]!.hex).toBe(Buffer.from(bytes).toString("hex"));
    expect(rows[0]!.content).toBeInstanceOf(Uint8Array);
    expect([...rows[0]!.content]).toEqual([...bytes]);
  });

  it("reads the escape output format too", async () => {
    const { rows } = await pg.query<{ content: string }>("select set_config('bytea_output', 'escape', false), '\\x5c00ff41'::bytea::text as content");
    expect([...parseBytea(rows[0]!.content)]).toEqual([0x5c, 0x00, 0xff, 0x41]);
  });

  it("refuses what is not bytes", () => {
    expect(() => serializeBytea("\\x00")).toThrow(/Invalid input for bytea/);
  });
});
