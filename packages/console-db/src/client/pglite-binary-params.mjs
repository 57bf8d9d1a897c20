// Parameters PGlite sends in PostgreSQL's binary format instead of text. PGlite walks every
// character of a text parameter twice in JavaScript and the server parses it again in
// WebAssembly; a typed array is copied as it is. Plain JavaScript (types in
// pglite-binary-params.d.mts): the in-process client and the PGlite worker (pglite-worker.mjs)
// share it. Postgres (postgres.js) keeps the text forms.
//   - float4[] from a Float32Array: pgvector vectors (`$1::real[]::vector`) instead of ~8 KB of
//     decimal text for 384 dense dimensions (3,000 inserts: 5.2-7.3 s as text, 0.6 s binary).
//   - bytea from a Uint8Array: staged file contents and cached embeddings instead of twice as
//     many hex digits.
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

/** bytea[] as an array literal of hex elements (PGlite's array serializer would ask the binary bytea one). */
function serializeByteaArray(values) {
  return `{${values.map((v) => (v === null || v === undefined ? "NULL" : `"\\${serializeBytea(v)}"`)).join(",")}}`;
}

/**
 * Installs the binary serializers. Call it once the client is ready: PGlite installs its array
 * serializers while it starts, replacing any passed to create().
 */
export function installBinaryParameters(client) {
  const float4ArrayText = client.serializers[FLOAT4_ARRAY_OID];
  client.serializers[FLOAT4_ARRAY_OID] = (value) =>
    value instanceof Float32Array ? encodeFloat4ArrayBinary(value) : float4ArrayText ? float4ArrayText(value) : String(value);
  client.serializers[BYTEA_OID] = (value) => {
    if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
    return value;
  };
  client.serializers[BYTEA_ARRAY_OID] = serializeByteaArray;
}
