// Parameters PGlite sends in PostgreSQL's binary format instead of text. PGlite walks every
// character of a text parameter twice in JavaScript and the server parses it again in
// WebAssembly; a typed array is copied as it is. Plain JavaScript (types in
// pglite-binary-params.d.mts): the in-process client and the PGlite worker (pglite-worker.mjs)
// share it. Postgres (postgres.js) keeps the text forms.
//   - float4[] from a Float32Array: pgvector vectors (`$1::real[]::vector`) instead of ~8 KB of
//     decimal text for 384 dense dimensions (3,000 inserts: 5.2-7.3 s as text, 0.6 s binary).
//   - bytea from a Uint8Array: staged file contents and cached embeddings instead of twice as
//     many hex digits.
//   - tsvector from the literals the lexical index writes (encodeTsvectorBinary), and tsvector[]
//     of them (serializeTsvectorArray).
import { installBindSerializer } from "./pglite-bind.mjs";
import { serializeBytea } from "./pglite-bytea.mjs";

const BYTEA_OID = 17;
const BYTEA_ARRAY_OID = 1001;
const FLOAT4_OID = 700;
const FLOAT4_ARRAY_OID = 1021;

/** array_recv's input: ndim, has-nulls flag, element type, then length and lower bound, then (length, value) per element; big-endian. */
export function encodeFloat4ArrayBinary(values) {
  const view = new DataView(new ArrayBuffer(20 + 8 * values.length));
  view.setInt32(0, 1);
  view.setInt32(4, 0);
  view.setInt32(8, FLOAT4_OID);
  view.setInt32(12, values.length);
  view.setInt32(16, 1);
  for (let i = 0, at = 20; i < values.length; i++, at += 8) {
    view.setInt32(at, 4);
    view.setFloat32(at + 4, values[i]);
  }
  return new Uint8Array(view.buffer);
}

const TSVECTOR_OID = 3614;
// tsvector's limits (tsearch/ts_type.h): positions 1..MAXENTRYPOS - 1, at most MAXNUMPOS per lexeme.
const MAX_ENTRY_POS = (1 << 14) - 1;
const MAX_NUM_POS = 256;
const WEIGHT_BITS = { 65: 3, 66: 2, 67: 1, 68: 0 }; // 'A'..'D' as tsvectorin reads them

/**
 * tsvectorrecv's input for a literal of the form weightedTsvectorLiteral writes ('lexeme':1A,5,9C,
 * lexemes [a-z0-9], one space between entries): the lexeme count, then per lexeme its bytes and a
 * NUL, its position count and positions (weight << 14 | position), big-endian. Parsing that costs
 * the server a fraction of the text's (a 3,000-file sync sends ~28 MB of such literals). Returns
 * undefined for any other text, also for what tsvectorin would normalise rather than take as
 * written (a repeated lexeme, positions out of order or past the limits): that is sent as text.
 */
export function encodeTsvectorBinary(literal) {
  const length = literal.length;
  if (length === 0) return new Uint8Array(4);
  // At most: 4 + per character one byte (lexeme) or, for a position of ≥ 1 character, 2 bytes + 2 per entry.
  const out = new Uint8Array(4 + 2 * length + 4);
  let at = 4;
  let entries = 0;
  const seen = new Set();
  let i = 0;
  while (i < length) {
    if (literal.charCodeAt(i) !== 39) return undefined;
    const start = ++i;
    for (let c = literal.charCodeAt(i); (c >= 97 && c <= 122) || (c >= 48 && c <= 57); c = literal.charCodeAt(++i)) out[at++] = c;
    if (i === start || literal.charCodeAt(i) !== 39 || literal.charCodeAt(i + 1) !== 58) return undefined;
    const lexeme = literal.slice(start, i);
    if (seen.has(lexeme)) return undefined;
    seen.add(lexeme);
    out[at++] = 0;
    i += 2;
    const countAt = at;
    at += 2;
    let count = 0;
    let last = 0;
    for (;;) {
      let position = 0;
      const digits = i;
      for (let c = literal.charCodeAt(i); c >= 48 && c <= 57; c = literal.charCodeAt(++i)) position = position * 10 + (c - 48);
      if (i === digits || position <= last || position >= MAX_ENTRY_POS || ++count >= MAX_NUM_POS) return undefined;
      const weight = WEIGHT_BITS[literal.charCodeAt(i)];
      if (weight !== undefined) i++;
      const word = ((weight ?? 0) << 14) | position;
      out[at++] = word >> 8;
      out[at++] = word & 255;
      last = position;
      if (literal.charCodeAt(i) !== 44) break;
      i++;
    }
    out[countAt] = count >> 8;
    out[countAt + 1] = count & 255;
    entries++;
    if (i === length) break;
    if (literal.charCodeAt(i) !== 32 || i + 1 === length) return undefined;
    i++;
  }
  new DataView(out.buffer).setInt32(0, entries);
  return out.subarray(0, at);
}

const TSVECTOR_ARRAY_OID = 3643;

/**
 * tsvector[] (the lexical index's rows, one column at a time: insertColumns): array_recv's input
 * with each element in tsvectorrecv's form when every literal encodes (encodeTsvectorBinary),
 * else the text array literal.
 */
export function serializeTsvectorArray(values) {
  const encoded = [];
  for (const value of values) {
    const bytes = typeof value === "string" ? encodeTsvectorBinary(value) : undefined;
    if (!bytes) return tsvectorArrayText(values);
    encoded.push(bytes);
  }
  const out = new Uint8Array(20 + encoded.reduce((n, e) => n + 4 + e.length, 0));
  const view = new DataView(out.buffer);
  view.setInt32(0, 1);
  view.setInt32(4, 0);
  view.setInt32(8, TSVECTOR_OID);
  view.setInt32(12, encoded.length);
  view.setInt32(16, 1);
  let at = 20;
  for (const bytes of encoded) {
    view.setInt32(at, bytes.length);
    out.set(bytes, at + 4);
    at += 4 + bytes.length;
  }
  return out;
}

function tsvectorArrayText(values) {
  return arrayLiteral(values, (v) => String(v).replace(/[\\"]/g, "\\$&"));
}

/** bytea[] as an array literal of hex elements (PGlite's array serializer would ask the binary bytea one). */
function serializeByteaArray(values) {
  return arrayLiteral(values, (v) => `\\${serializeBytea(v)}`);
}

/** A one-dimensional array literal: NULL for null and undefined, every other element quoted as `element` writes it. */
function arrayLiteral(values, element) {
  return `{${values.map((v) => (v === null || v === undefined ? "NULL" : `"${element(v)}"`)).join(",")}}`;
}

/**
 * Installs the binary serializers (and the Bind message writer they go out in, pglite-bind.mjs).
 * Call it once the client is ready: PGlite installs its array
 * serializers while it starts, replacing any passed to create().
 */
export function installBinaryParameters(client) {
  installBindSerializer();
  const float4ArrayText = client.serializers[FLOAT4_ARRAY_OID];
  client.serializers[FLOAT4_ARRAY_OID] = (value) =>
    value instanceof Float32Array ? encodeFloat4ArrayBinary(value) : float4ArrayText ? float4ArrayText(value) : String(value);
  client.serializers[BYTEA_OID] = (value) => {
    if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
    return value;
  };
  client.serializers[BYTEA_ARRAY_OID] = serializeByteaArray;
  client.serializers[TSVECTOR_ARRAY_OID] = serializeTsvectorArray;
  client.serializers[TSVECTOR_OID] = (value) => (typeof value === "string" ? (encodeTsvectorBinary(value) ?? value) : value);
}
